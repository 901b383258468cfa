package org.leadrelay.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: after each failure the next delay of the schedule (by
 * default 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), spread by a random jitter so that deliveries
 * failing together do not come back together. A receiver that asked to wait (Retry-After) is not
 * called before then, up to a cap. After the last delay's attempt fails, the delivery gives up.
 */
public final class RetrySchedule {

    private final List<Duration> delays;
    private final double jitter;
    private final Duration maxRetryAfter;
    private final RandomGenerator random;

    /**
     * @param delays        the wait before the 2nd, 3rd, ... attempt
     * @param jitter        the share of each delay by which it may vary either way, from 0 to 1
     * @param maxRetryAfter the longest Retry-After honoured
     */
    public RetrySchedule(List<Duration> delays, double jitter, Duration maxRetryAfter, RandomGenerator random) {
        if (delays.isEmpty() || delays.stream().anyMatch(delay -> delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("retry delays must be positive, and at least one");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("retry jitter must be at least 0 and below 1");
        }
        this.delays = List.copyOf(delays);
        this.jitter = jitter;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    /** How many attempts a delivery gets in all. */
    public int attempts() {
        return delays.size() + 1;
    }

    /**
     * When the next attempt may start.
     *
     * @param attemptsMade how many attempts have failed, at least 1
     * @param retryAfter   how long the receiver asked to wait, or null
     * @return empty when the schedule is used up
     */
    public Optional<Instant> next(int attemptsMade, Instant failedAt, Duration retryAfter) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("no attempt was made yet");
        }
        if (attemptsMade > delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(attemptsMade - 1);
        double factor = jitter == 0 ? 1 : 1 + (random.nextDouble() * 2 - 1) * jitter;
        Duration delay = Duration.ofMillis(Math.round(base.toMillis() * factor));
        if (retryAfter != null && !retryAfter.isNegative()) {
            Duration asked = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
            if (asked.compareTo(delay) > 0) {
                delay = asked;
            }
        }
        return Optional.of(failedAt.plus(delay));
    }
}
