package org.leadrelay.kit.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Republishes what a crash or a broker outage left in the outbox. The happy path never waits for
 * it: events go out right after they are recorded.
 */
class OutboxSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);
    private static final int BATCH = 500;

    private final Outbox outbox;
    private final Duration interval;
    private final Duration grace;
    private ScheduledExecutorService scheduler;

    OutboxSweeper(Outbox outbox, Duration interval, Duration grace) {
        this.outbox = outbox;
        this.interval = interval;
        this.grace = grace;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            while (outbox.sweep(grace, BATCH) == BATCH) {
                log.debug("outbox sweep continues with the next batch");
            }
        } catch (RuntimeException e) {
            log.warn("outbox sweep failed, will try again: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
