package org.leadrelay.bench;

import java.time.Duration;

/**
 * What one phase posts.
 *
 * @param name        how the output names it
 * @param rate        leads per second, on a fixed schedule; 0: unpaced, {@code concurrency} requests in flight
 * @param concurrency requests in flight when unpaced
 * @param duration    how long it posts, when {@code leads} is null
 * @param leads       how many leads it posts (null: for {@code duration})
 */
record PhaseSpec(String name, double rate, int concurrency, Duration duration, Long leads) {

    PhaseSpec {
        if (duration == null && leads == null) {
            throw new IllegalArgumentException("a phase needs a duration or a number of leads");
        }
    }

    boolean paced() {
        return rate > 0;
    }

    /** {@code 50 leads/s}, or {@code unpaced (16 in flight)}. */
    String rateLabel() {
        if (!paced()) {
            return "unpaced (" + concurrency + " in flight)";
        }
        return (rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate)) + " leads/s";
    }
}
