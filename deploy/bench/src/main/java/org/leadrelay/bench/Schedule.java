package org.leadrelay.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * When each lead of a paced phase is due: lead {@code i} at {@code start + i / rate}, whatever
 * happened to the leads before it. Latency counts from that instant, not from when the sender
 * got round to it, so a stall of the stack (or of the bench) shows in every lead it delays
 * instead of hiding as one slow request (no coordinated omission).
 */
record Schedule(long startNanos, double rate) {

    Schedule {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("a schedule needs a positive rate, not " + rate);
        }
    }

    /** The intended send time of lead {@code i} (from 0), on {@link System#nanoTime()}'s scale. */
    long due(long i) {
        return startNanos + (long) Math.floor(i * 1_000_000_000.0 / rate);
    }

    /** How many leads fall due within {@code duration} of the start. */
    long leadsWithin(Duration duration) {
        return (long) Math.floor(duration.toNanos() * rate / 1_000_000_000.0);
    }

    /** From the intended send time to what was observed; counts the sender's own lateness too. */
    static long latencyNanos(long dueNanos, long observedNanos) {
        return observedNanos - dueNanos;
    }

    /** Sleeps until {@code due}; returns at once when it has passed (a late lead is sent, never skipped). */
    static void awaitDue(long dueNanos) {
        long left;
        while ((left = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
