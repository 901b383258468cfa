package org.leadrelay.kit.scheduling;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background loop of a service: one daemon thread that runs its work every {@code interval}
 * (measured from the end of one run to the start of the next), again at once while the work says
 * more is left, and sooner when someone {@linkplain #runSoon() asks}. A run that throws is logged
 * and the loop goes on, so a database or broker outage never stops a sweeper for good. Every
 * sweeper, relay and watch of the services is one of these, started and stopped with the
 * application context.
 */
public final class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);
    /** Runs in a row before the loop yields to its interval, so a flood of work cannot spin forever. */
    private static final int MAX_RUNS_IN_A_ROW = 1_000;

    private final String name;
    private final Duration interval;
    private final Duration initialDelay;
    private final BooleanSupplier work;
    private final AtomicBoolean soonAsked = new AtomicBoolean();
    private ScheduledExecutorService thread;

    private PeriodicTask(String name, Duration interval, Duration initialDelay, BooleanSupplier work) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(name + ": the interval must be positive, was " + interval);
        }
        this.name = Objects.requireNonNull(name);
        this.interval = interval;
        this.initialDelay = initialDelay;
        this.work = Objects.requireNonNull(work);
    }

    /**
     * A loop named {@code name} (its thread's name) that runs {@code work} every {@code interval},
     * first one interval after start; {@code work} returns true when it left work for another run
     * right away (a full batch, say).
     */
    public static PeriodicTask every(Duration interval, String name, BooleanSupplier work) {
        return new PeriodicTask(name, interval, interval, work);
    }

    /** The same loop with work that never asks for an immediate second run. */
    public static PeriodicTask every(Duration interval, String name, Runnable work) {
        return every(interval, name, () -> {
            work.run();
            return false;
        });
    }

    /** This loop, but with its first run {@code delay} after start (zero: at once). */
    public PeriodicTask startingAfter(Duration delay) {
        return new PeriodicTask(name, interval, delay, work);
    }

    /**
     * Runs the work as soon as the loop's thread is free, without waiting for the interval. Asks
     * made while one is still waiting are one ask: a burst of them runs the work once more, not once
     * each.
     */
    public synchronized void runSoon() {
        if (thread != null && soonAsked.compareAndSet(false, true)) {
            thread.execute(() -> {
                soonAsked.set(false);
                runGuarded();
            });
        }
    }

    /** Runs the work once on the caller's thread (tests, and owners that want a synchronous pass). */
    public boolean runOnce() {
        return work.getAsBoolean();
    }

    private void runGuarded() {
        try {
            int runs = 0;
            while (work.getAsBoolean() && ++runs < MAX_RUNS_IN_A_ROW) {
                log.debug("{} continues with more work", name);
            }
        } catch (RuntimeException e) {
            log.warn("{} failed, will try again in {}: {}", name, interval, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread daemon = new Thread(runnable, name);
            daemon.setDaemon(true);
            return daemon;
        });
        thread.scheduleWithFixedDelay(this::runGuarded, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    @Override
    public String toString() {
        return name + " every " + interval;
    }
}
