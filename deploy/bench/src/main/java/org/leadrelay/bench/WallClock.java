package org.leadrelay.bench;

import java.time.Instant;

/**
 * Maps this process's {@link System#nanoTime()} to epoch microseconds, so the bench's own moments
 * (intended send, answer, webhook) compare with the events' timestamps, which the services take
 * from the same machine's wall clock.
 */
record WallClock(long originNanos, long originMicros) {

    /** Pairs the two clocks at the tightest of a few readings. */
    static WallClock calibrate() {
        long bestSpread = Long.MAX_VALUE;
        WallClock best = null;
        for (int i = 0; i < 20; i++) {
            long before = System.nanoTime();
            Instant now = Instant.now();
            long after = System.nanoTime();
            if (after - before < bestSpread) {
                bestSpread = after - before;
                best = new WallClock(before + (after - before) / 2, micros(now));
            }
        }
        return best;
    }

    long micros(long nanos) {
        return originMicros + Math.floorDiv(nanos - originNanos, 1000L);
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000L);
    }
}
