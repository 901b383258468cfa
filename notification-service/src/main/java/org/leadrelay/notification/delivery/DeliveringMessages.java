package org.leadrelay.notification.delivery;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.leadrelay.notification.delivery.DeliveryJobs.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Makes deliveries, durably: the entry point that schedules and cancels them, and the senders that
 * run their attempts. A delivery is scheduled as a job in the database and, when a sender is free,
 * attempted at once by the instance that scheduled it (speed to partner is the product);
 * otherwise, and for every retry, an instance's poller claims it when due. {@link AttemptingDelivery}
 * makes each attempt under its endpoint's circuit breaker and bulkhead; {@link RecordingOutcomes}
 * records it, logs and counts it, and has it published as NotificationDelivered or
 * NotificationFailed saying which message it was (offer, acceptance, withdrawal) and never what it
 * said. A failed attempt is retried on the schedule; when the schedule is used up the delivery
 * fails for good and the operators are told.
 *
 * <p>Exactly once, as far as it can be controlled: a delivery key is scheduled once ever (the log
 * remembers it), a job is attempted by one instance at a time (its lease), and an attempt cut off
 * between sending and recording (a crash) is retried after the lease with the same webhook-id or
 * Message-ID, by which the receiver drops the repeat. A job claimed after an instance settled it and
 * stopped is completed, not attempted again ({@link RecordingOutcomes} says how).
 */
@Service
public class DeliveringMessages implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveringMessages.class);

    private final DeliveryJobs jobs;
    private final DeliveryLog deliveries;
    private final AttemptingDelivery attempts;
    private final RecordingOutcomes outcomes;
    private final Clock clock;
    private final RetryProperties retries;
    private final ExecutorService executor;
    private final Semaphore senders;
    private final int capacity;
    private final Duration shutdownGrace;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final String owner = instanceName();
    private volatile boolean backlog;
    private volatile boolean running;
    private final PeriodicTask poller;

    DeliveringMessages(DeliveryJobs jobs, DeliveryLog deliveries, AttemptingDelivery attempts, RecordingOutcomes outcomes, Clock clock,
            RetryProperties retries, NotificationProperties properties, @Qualifier("deliveryExecutor") ExecutorService executor) {
        this.jobs = jobs;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.outcomes = outcomes;
        this.clock = clock;
        this.retries = retries;
        this.executor = executor;
        this.senders = new Semaphore(properties.senders());
        this.capacity = properties.senders();
        this.shutdownGrace = properties.shutdownGrace();
        this.poller = PeriodicTask.every(retries.pollInterval(), "delivery-poller", () -> {
            if (running) {
                claimDue();
            }
        });
    }

    /**
     * Schedules a delivery unless its key was scheduled before, and starts its first attempt at once
     * when a sender is free.
     *
     * @param target where it goes, as the log shows it
     * @return true when it was scheduled now; false when the same delivery was scheduled before
     */
    public boolean schedule(DeliveryJob job, String target) {
        if (deliveries.contains(job.id())) {
            log.debug("delivery {} was scheduled before", job.id());
            return false;
        }
        Instant now = clock.instant();
        if (running && senders.tryAcquire()) {
            Optional<Claim> claim;
            try {
                claim = jobs.addClaimed(job, now, retries.lease(), owner);
                deliveries.opened(job, target);
            } catch (RuntimeException e) {
                senders.release();
                throw e;
            }
            if (claim.isPresent()) {
                dispatch(claim.get());
                return true;
            }
            senders.release();
            return false;
        }
        boolean added = jobs.add(job);
        deliveries.opened(job, target);
        if (added) {
            nudge();
        }
        return added;
    }

    /**
     * Cancels a pending delivery that is no longer needed (its offer was answered or moved on).
     * A delivery that had failed before is published as failed for good, so nobody waits for its retry.
     */
    public void cancel(DeliveryId deliveryId, String reason) {
        outcomes.cancel(deliveryId, reason, owner);
    }

    /** Wakes the poller: a job is due now. */
    void nudge() {
        poller.runSoon();
    }

    private void claimDue() {
        int free = Math.min(senders.availablePermits(), retries.batch());
        if (free <= 0 || !senders.tryAcquire(free)) {
            backlog = true;
            return;
        }
        List<Claim> claimed;
        try {
            claimed = jobs.claimDue(clock.instant(), retries.lease(), owner, free, Set.copyOf(inFlight));
        } catch (RuntimeException e) {
            senders.release(free);
            throw e;
        }
        backlog = claimed.size() == free;
        senders.release(free - claimed.size());
        claimed.forEach(this::dispatch);
    }

    private void dispatch(Claim claim) {
        String id = claim.job().id();
        inFlight.add(id);
        try {
            executor.execute(() -> {
                try {
                    run(claim);
                } catch (RuntimeException e) {
                    log.error("delivery {} attempt {} could not be recorded; its lease hands it on", id, claim.job().attempts(), e);
                } finally {
                    inFlight.remove(id);
                    senders.release();
                    if (backlog) {
                        nudge();
                    }
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            inFlight.remove(id);
            senders.release();
        }
    }

    /** Attempts the claimed job, or completes its settlement; the operators' alerts it calls for are scheduled at once. */
    private void run(Claim claim) {
        if (claim.settled() != null) {
            outcomes.completeLeftOver(claim, alert -> schedule(alert, "operators"));
            return;
        }
        outcomes.record(claim, attempts.attempt(claim.job()), alert -> schedule(alert, "operators"));
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void start() {
        running = true;
        poller.start();
    }

    /**
     * Stops claiming work and lets the attempts under way finish within the shutdown grace; the ones
     * still under way then are cut off and left to their lease, which hands them to another instance
     * with the same id. Runs before any bean is destroyed, so finished attempts are still recorded.
     */
    @Override
    public void stop() {
        running = false;
        poller.stop();
        try {
            if (senders.tryAcquire(capacity, shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                senders.release(capacity);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
