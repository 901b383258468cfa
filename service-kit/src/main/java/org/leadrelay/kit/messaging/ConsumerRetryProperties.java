package org.leadrelay.kit.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How consumer bindings retry a record while infrastructure it needs is unavailable
 * ({@code leadrelay.consumers.*}; see {@link ConsumerRetries}).
 *
 * @param unavailableBackOffMax the longest wait between two attempts at such a record. The waits
 *                              start at the binding's {@code back-off-initial-interval} and grow by
 *                              its {@code back-off-multiplier} up to this. The consumer does not
 *                              poll while it waits, so the wait and one attempt (which can take the
 *                              MongoDB driver's server-selection timeout, 30 s by default) must stay
 *                              well under {@code max.poll.interval.ms}: a binding whose
 *                              {@code max.poll.interval.ms} is less than five times this does not
 *                              start.
 */
@ConfigurationProperties("leadrelay.consumers")
public record ConsumerRetryProperties(@DefaultValue("10s") Duration unavailableBackOffMax) {

    public ConsumerRetryProperties {
        if (unavailableBackOffMax == null || unavailableBackOffMax.isNegative() || unavailableBackOffMax.isZero()) {
            throw new IllegalArgumentException("leadrelay.consumers.unavailable-back-off-max must be positive");
        }
    }
}
