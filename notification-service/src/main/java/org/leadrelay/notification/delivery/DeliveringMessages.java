package org.leadrelay.notification.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.leadrelay.events.Channel;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.NotificationEvent;
import org.leadrelay.events.NotificationFailed;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.kit.outbox.Outbox;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.leadrelay.notification.delivery.AttemptResult.Abandoned;
import org.leadrelay.notification.delivery.AttemptResult.Cancelled;
import org.leadrelay.notification.delivery.AttemptResult.Delivered;
import org.leadrelay.notification.delivery.AttemptResult.Failed;
import org.leadrelay.notification.delivery.AttemptResult.Gone;
import org.leadrelay.notification.delivery.AttemptResult.Postponed;
import org.leadrelay.notification.delivery.DeliveryChannel.Call;
import org.leadrelay.notification.delivery.DeliveryChannel.Settled;
import org.leadrelay.notification.delivery.DeliveryJobs.Claim;
import org.leadrelay.notification.delivery.DeliveryJobs.Settlement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Makes deliveries, durably. A delivery is scheduled as a job in the database and, when a sender is
 * free, attempted at once by the instance that scheduled it (speed to partner is the product);
 * otherwise, and for every retry, an instance's poller claims it when due. Each attempt runs under
 * its endpoint's circuit breaker and bulkhead, is logged, counted, and, when it is to a partner,
 * published as NotificationDelivered or NotificationFailed saying which message it was (offer,
 * acceptance, withdrawal) and never what it said. A failed attempt is retried on the schedule; when the
 * schedule is used up the delivery fails for good and the operators are told.
 *
 * <p>Exactly once, as far as it can be controlled: a delivery key is scheduled once ever (the log
 * remembers it), a job is attempted by one instance at a time (its lease), and an attempt cut off
 * between sending and recording (a crash) is retried after the lease with the same webhook-id or
 * Message-ID, by which the receiver drops the repeat. How a delivery ended is recorded in its job
 * before anything else (log, metric, event, alert) is done about it, and each of those may be done
 * again: an instance that stops at any point after that leaves the job's next claim to complete
 * it, publishing the same event under the same id, never to attempt it again. A failed attempt
 * that will be retried is published before anything records it.
 */
@Service
public class DeliveringMessages implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveringMessages.class);
    private static final Duration BULKHEAD_WAIT = Duration.ofSeconds(1);

    private final DeliveryJobs jobs;
    private final DeliveryLog deliveries;
    private final Map<Channel, DeliveryChannel> channels = new EnumMap<>(Channel.class);
    private final EndpointGuards guards;
    private final RetrySchedule schedule;
    private final DisabledEndpoints disabled;
    private final OperatorAlerts alerts;
    private final DeliveryMetrics metrics;
    private final Outbox outbox;
    private final Clock clock;
    private final RetryProperties retries;
    private final ExecutorService executor;
    private final Semaphore senders;
    private final int capacity;
    private final Duration shutdownGrace;
    private final Duration openFor;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final String owner = instanceName();
    private final Object[] publishing = java.util.stream.Stream.generate(Object::new).limit(64).toArray();
    private volatile boolean backlog;
    private volatile boolean running;
    private final PeriodicTask poller;

    DeliveringMessages(DeliveryJobs jobs, DeliveryLog deliveries, List<DeliveryChannel> channels, EndpointGuards guards,
            RetrySchedule schedule, DisabledEndpoints disabled, OperatorAlerts alerts, DeliveryMetrics metrics, Outbox outbox,
            Clock clock, RetryProperties retries, NotificationProperties properties, EndpointProperties endpoints,
            @Qualifier("deliveryExecutor") ExecutorService executor) {
        this.jobs = jobs;
        this.deliveries = deliveries;
        channels.forEach(channel -> this.channels.put(channel.channel(), channel));
        this.guards = guards;
        this.schedule = schedule;
        this.disabled = disabled;
        this.alerts = alerts;
        this.metrics = metrics;
        this.outbox = outbox;
        this.clock = clock;
        this.retries = retries;
        this.executor = executor;
        this.senders = new Semaphore(properties.senders());
        this.capacity = properties.senders();
        this.shutdownGrace = properties.shutdownGrace();
        this.openFor = endpoints.openFor();
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
        jobs.cancel(deliveryId.value(), reason, clock.instant(), retries.lease(), owner).ifPresent(claim -> complete(claim, false));
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
                    attempt(claim);
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

    private void attempt(Claim claim) {
        DeliveryJob job = claim.job();
        if (claim.settled() != null) {
            log.info("delivery {} was settled ({}) by an instance that stopped before finishing it: completing it", job.id(),
                    claim.settled().outcome());
            complete(claim, true);
            return;
        }
        if (job.notAfter() != null && !clock.instant().isBefore(job.notAfter())) {
            record(claim, "-", new Cancelled("the offer's deadline passed before it could be delivered"), Duration.ZERO);
            return;
        }
        DeliveryChannel.Attempt attempt = channels.get(job.channel()).prepare(job);
        if (attempt instanceof Settled settled) {
            record(claim, settled.target(), settled.result(), Duration.ZERO);
            return;
        }
        Call call = (Call) attempt;
        EndpointGuards.Guard guard = guards.of(call.endpoint());
        if (!guard.breaker().tryAcquirePermission()) {
            // not attempted, so not counted: the job waits until the circuit may let a trial call through
            // (half open: a trial call is under way, whose outcome decides for the others shortly)
            Duration wait = guard.breaker().getState() == CircuitBreaker.State.HALF_OPEN ? BULKHEAD_WAIT : openFor.dividedBy(2);
            record(claim, call.target(), new Postponed(wait, label(job.channel()) + ": circuit open after repeated failures, not sent"),
                    Duration.ZERO);
            return;
        }
        if (!guard.bulkhead().tryAcquirePermission()) {
            guard.breaker().releasePermission();
            record(claim, call.target(), new Postponed(BULKHEAD_WAIT, null), Duration.ZERO);
            return;
        }
        long started = System.nanoTime();
        AttemptResult result;
        try {
            result = call.send().get();
        } catch (RuntimeException e) {
            result = Failed.retryable(label(job.channel()) + ": " + e.getClass().getSimpleName());
        } finally {
            guard.bulkhead().onComplete();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (result instanceof Delivered) {
            guard.breaker().onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
        } else if (result instanceof Failed failed) {
            guard.breaker().onError(took.toNanos(), TimeUnit.NANOSECONDS, new DeliveryFailedException(failed.reason()));
        } else if (result instanceof Gone gone) {
            guard.breaker().onError(took.toNanos(), TimeUnit.NANOSECONDS, new DeliveryFailedException(gone.reason()));
        } else {
            guard.breaker().releasePermission();
        }
        record(claim, call.target(), result, took);
    }

    private void record(Claim claim, String target, AttemptResult result, Duration took) {
        DeliveryJob job = claim.job();
        Instant now = clock.instant();
        if (result instanceof Delivered) {
            delivered(claim, target, took, now);
        } else if (result instanceof Failed failed) {
            failed(claim, target, failed, took, now);
        } else if (result instanceof Gone gone) {
            if (disabled.disable(job.partnerId(), gone.endpoint(), gone.reason(), now)) {
                metrics.endpointDisabled();
                log.warn("partner {}'s webhook endpoint {} answered 410 Gone: disabled", job.partnerId(), Origins.of(gone.endpoint()));
                alerts.endpointDisabled(job, gone.endpoint(), now).ifPresent(alert -> alert(alert, OperatorAlerts.DISABLED));
            }
            failed(claim, target, Failed.permanent(gone.reason() + ", endpoint disabled"), took, now);
        } else if (result instanceof Cancelled cancelled) {
            // the claim counted an attempt that was not made
            settle(claim, job.cancelled(cancelled.reason(), now));
        } else if (result instanceof Postponed postponed) {
            metrics.postponed(job.channel(), postponed.reason() == null ? "bulkhead" : "circuit");
            jobs.postpone(claim, now.plus(jittered(postponed.delay())), postponed.reason());
        } else if (result instanceof Abandoned abandoned) {
            log.info("delivery {} attempt {} abandoned ({}): its lease hands it on", job.id(), job.attempts(), abandoned.reason());
        }
    }

    private void delivered(Claim claim, String target, Duration took, Instant now) {
        DeliveryJob job = claim.job();
        metrics.attempt(job.channel(), "delivered", took);
        Settlement delivered = job.delivered(target, now);
        deliveries.attempted(attemptOf(job, target, "delivered", null, took, now));
        if (!jobs.settle(claim, delivered, now, retries.lease())) {
            // cancelled meanwhile, or its lease ran out: it reached the partner all the same, so that is told
            log.warn("delivery {} was delivered after its claim was lost", job.id());
            conclude(job, delivered, false);
            return;
        }
        conclude(job, delivered, false);
        jobs.finish(claim);
    }

    private void failed(Claim claim, String target, Failed failed, Duration took, Instant now) {
        DeliveryJob job = claim.job();
        metrics.attempt(job.channel(), "failed", took);
        DeliveryJob.AfterFailure after = job.failed(failed, target, schedule, now);
        if (after instanceof DeliveryJob.RetryAt retry) {
            // published before anything records the failed attempt: an instance that stops in between leaves
            // no record without its event (the next attempt, with the same message id, will have its own)
            publishFailed(job, job.attempts(), failed.reason(), true, now);
            deliveries.attempted(attemptOf(job, target, "failed", failed.reason(), took, now));
            if (jobs.retryAt(claim, retry.at(), failed.reason())) {
                deliveries.retrying(job.id(), job.attempts(), failed.reason(), now, retry.at());
                log.warn("lead {} {} not delivered to partner {} by {} (attempt {}): {}; next attempt at {}", job.leadId(), job.kind().code(),
                        job.partnerId(), job.channel(), job.attempts(), failed.reason(), retry.at());
            }
            return;
        }
        deliveries.attempted(attemptOf(job, target, "failed", failed.reason(), took, now));
        settle(claim, ((DeliveryJob.GiveUp) after).settlement());
    }

    /** Records how the claimed job ended in the job itself, then sees to it and removes the job. */
    private void settle(Claim claim, Settlement settlement) {
        if (jobs.settle(claim, settlement, settlement.at(), retries.lease())) {
            complete(new Claim(claim.job(), claim.lease(), settlement), false);
        }
    }

    /** Sees to a settled job's end and removes it; every step may be done again after a crash. */
    private void complete(Claim settled, boolean again) {
        conclude(settled.job(), settled.settled(), again);
        jobs.finish(settled);
    }

    /**
     * What a delivery's end is seen to: its log entry, its metric, its event (whose id is derived
     * from the delivery and the attempts made, so doing this again publishes the same event) and,
     * when every attempt failed, the operators' alert (scheduled once by its key).
     *
     * @param again whether this completes a settlement an instance that stopped had made, whose
     *              metric that instance counted
     */
    private void conclude(DeliveryJob job, Settlement settlement, boolean again) {
        deliveries.settled(job.id(), settlement.state(), settlement.attempts(), settlement.reason(), settlement.at());
        if (!again) {
            metrics.settled(job.channel(), job.kind(), settlement.outcome());
        }
        switch (settlement.state()) {
            case DELIVERED -> {
                log.info("lead {} {} delivered to partner {} by {} (attempt {})", job.leadId(), job.kind().code(), job.partnerId(),
                        job.channel(), settlement.attempts());
                message(job.kind()).ifPresent(message -> publish(job, outbox.envelope(
                        EventIds.derived("notification", job.id(), settlement.attempts()), new NotificationDelivered(job.leadId(),
                                job.assignmentId(), job.partnerId(), job.channel(), settlement.attempts(), settlement.at(), message))));
            }
            case FAILED -> {
                log.error("lead {} {} to partner {} by {} given up after attempt {}: {}", job.leadId(), job.kind().code(), job.partnerId(),
                        job.channel(), settlement.attempts(), settlement.reason());
                publishFailed(job, settlement.attempts(), settlement.reason(), false, settlement.at());
                if ("exhausted".equals(settlement.outcome())) {
                    alerts.deliveryExhausted(job.atAttempt(settlement.attempts()), settlement.target(), settlement.reason(), settlement.at())
                            .ifPresent(alert -> alert(alert, OperatorAlerts.EXHAUSTED));
                }
            }
            case CANCELLED -> {
                log.info("delivery {} for lead {} cancelled: {}", job.id(), job.leadId(), settlement.reason());
                publishFailed(job, settlement.attempts(), "cancelled: " + settlement.reason(), false, settlement.at());
            }
            default -> throw new IllegalStateException("a delivery does not end " + settlement.state());
        }
    }

    private void alert(DeliveryJob alert, String reason) {
        metrics.alert(reason);
        schedule(alert, "operators");
    }

    private void publishFailed(DeliveryJob job, int attempt, String reason, boolean retrying, Instant at) {
        if (attempt > 0) {
            message(job.kind()).ifPresent(message -> publish(job,
                    outbox.envelope(EventIds.derived("notification", job.id(), attempt, retrying), new NotificationFailed(job.leadId(),
                            job.assignmentId(), job.partnerId(), job.channel(), attempt, reason, retrying, at, message))));
        }
    }

    /** What a partner's delivery is published as; alerts to the operators are not a partner's notification. */
    private static Optional<String> message(DeliveryKind kind) {
        return switch (kind) {
            case OFFER -> Optional.of(NotificationEvent.OFFER);
            case ACCEPTANCE -> Optional.of(NotificationEvent.ACCEPTANCE);
            case WITHDRAWAL -> Optional.of(NotificationEvent.WITHDRAWAL);
            case ERASURE -> Optional.of(NotificationEvent.ERASURE);
            case OPERATOR_ALERT -> Optional.empty();
        };
    }

    /**
     * Publishes one lead's outcomes one at a time on this instance: the outbox holds back an event
     * while another of the same lead is pending, for its sweeper to send in order, so two channels
     * finishing together would otherwise both wait for the sweep.
     */
    private void publish(DeliveryJob job, org.leadrelay.events.EventEnvelope<?> envelope) {
        synchronized (publishing[Math.floorMod(job.leadId().hashCode(), publishing.length)]) {
            outbox.publish(envelope);
        }
    }

    private static DeliveryLog.Attempt attemptOf(DeliveryJob job, String target, String outcome, String error, Duration took,
            Instant at) {
        return new DeliveryLog.Attempt(job.id(), job.attempts(), job.kind(), job.channel(), job.leadId(), job.partnerId(), target,
                outcome, error, took.toMillis(), at);
    }

    private static Duration jittered(Duration delay) {
        return Duration.ofMillis(delay.toMillis() + ThreadLocalRandom.current().nextLong(Math.max(1, delay.toMillis() / 2)));
    }

    private static String label(Channel channel) {
        return channel == Channel.EMAIL ? "SMTP" : "webhook";
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
