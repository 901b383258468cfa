package org.leadrelay.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.leadrelay.notification.delivery.AttemptResult.Abandoned;
import org.leadrelay.notification.delivery.AttemptResult.Cancelled;
import org.leadrelay.notification.delivery.AttemptResult.Delivered;
import org.leadrelay.notification.delivery.AttemptResult.Failed;
import org.leadrelay.notification.delivery.AttemptResult.Gone;
import org.leadrelay.notification.delivery.AttemptResult.Postponed;
import org.leadrelay.notification.delivery.AttemptingDelivery.Attempted;
import org.leadrelay.notification.delivery.DeliveryJobs.Claim;
import org.leadrelay.notification.delivery.DeliveryJobs.Settlement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records how an attempt went, and how a delivery ended, and sees to it: the job, the log, the
 * metrics, the events and the operators' alerts.
 *
 * <p>The job is the record that counts, and the events a change of it causes are written into it in
 * the same write ({@link DeliveryJobs#settle}, {@link DeliveryJobs#retryAt}), marked in the relay
 * before it and published right after ({@link RelayingDeliveryEvents}). So an event is published if
 * and only if its cause was recorded, whoever stops when: a failed attempt that will be retried is
 * stored with its event, and the log's record of it follows. How a delivery ended is recorded in
 * its job before anything else is done about it (log, metric, alert), and each of those may be done
 * again: an instance that stops at any point after that leaves the job's next claim to complete it
 * ({@code again}, not counting the metric twice), never to attempt it again, while the relay's
 * sweeper publishes its events. The job is removed only when none of its events is pending; until
 * then its next claim, once its lease has run out, completes it again.
 */
@Component
class RecordingOutcomes {

    private static final Logger log = LoggerFactory.getLogger(RecordingOutcomes.class);
    /** A cancellation calls for no alert. */
    private static final Alerting NO_ALERTS = alert -> false;

    /** Schedules an operators' alert as a delivery. */
    @FunctionalInterface
    interface Alerting {

        /** @return true when it was scheduled now; false when the same alert was scheduled before */
        boolean schedule(DeliveryJob alert);
    }

    private final DeliveryJobs jobs;
    private final DeliveryLog deliveries;
    private final DisabledEndpoints disabled;
    private final OperatorAlerts alerts;
    private final DeliveryMetrics metrics;
    private final RelayingDeliveryEvents events;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final Duration lease;

    RecordingOutcomes(DeliveryJobs jobs, DeliveryLog deliveries, DisabledEndpoints disabled, OperatorAlerts alerts, DeliveryMetrics metrics,
            RelayingDeliveryEvents events, RetrySchedule schedule, Clock clock, RetryProperties retries) {
        this.jobs = jobs;
        this.deliveries = deliveries;
        this.disabled = disabled;
        this.alerts = alerts;
        this.metrics = metrics;
        this.events = events;
        this.schedule = schedule;
        this.clock = clock;
        this.lease = retries.lease();
    }

    /**
     * Records the claimed attempt's outcome and sees to it.
     *
     * @param raised schedules the operators' alerts it calls for, as deliveries, at once
     */
    void record(Claim claim, Attempted attempted, Alerting raised) {
        DeliveryJob job = claim.job();
        Instant now = clock.instant();
        AttemptResult result = attempted.result();
        if (result instanceof Delivered) {
            delivered(claim, attempted, now, raised);
        } else if (result instanceof Failed failed) {
            failed(claim, attempted.target(), failed, attempted.took(), now, raised);
        } else if (result instanceof Gone gone) {
            if (disabled.disable(job.partnerId(), gone.endpoint(), gone.reason(), now)) {
                metrics.endpointDisabled();
                log.warn("partner {}'s webhook endpoint {} answered 410 Gone: disabled", job.partnerId(), Origins.of(gone.endpoint()));
                alerts.endpointDisabled(job, gone.endpoint(), now).ifPresent(alert -> raise(alert, OperatorAlerts.DISABLED, raised));
            }
            failed(claim, attempted.target(), Failed.permanent(gone.reason() + ", endpoint disabled"), attempted.took(), now, raised);
        } else if (result instanceof Cancelled cancelled) {
            // the claim counted an attempt that was not made
            settle(claim, job.cancelled(cancelled.reason(), now), raised);
        } else if (result instanceof Postponed postponed) {
            metrics.postponed(job.channel(), postponed.reason() == null ? "bulkhead" : "circuit");
            jobs.postpone(claim, now.plus(jittered(postponed.delay())), postponed.reason());
        } else if (result instanceof Abandoned abandoned) {
            log.info("delivery {} attempt {} abandoned ({}): its lease hands it on", job.id(), job.attempts(), abandoned.reason());
        }
    }

    /**
     * Completes a job that was settled but not finished: its instance stopped, or its events were
     * still waiting for the broker.
     *
     * @param raised schedules the operators' alerts it calls for (each once ever, by its key)
     */
    void completeLeftOver(Claim settled, Alerting raised) {
        log.info("delivery {} was settled ({}) but not finished (its instance stopped, or its events waited for the broker): completing it",
                settled.job().id(), settled.settled().outcome());
        complete(settled, true, raised);
    }

    /**
     * Cancels a pending delivery that is no longer needed, taking its claim from whoever holds it; a
     * delivery that had failed before is published as failed for good.
     *
     * @param owner this instance, as the claim shows it
     */
    void cancel(DeliveryId deliveryId, String reason, String owner) {
        // of a cancellation and a claim (or a settling attempt) at once, the first to change the job wins; one that lost reads it again
        for (int tries = 0; tries < 3; tries++) {
            Optional<DeliveryJobs.Stored> current = jobs.find(deliveryId.value());
            if (current.isEmpty() || current.get().settled() != null) {
                return; // none pending, or already settled: left to the one who settled it
            }
            DeliveryJob job = current.get().job();
            Instant now = clock.instant();
            Settlement cancelled = job.withdrawn(reason, now);
            List<DeliveryJob.PendingEvent> caused = job.eventsOf(cancelled);
            String token = UUID.randomUUID().toString();
            events.mark(job, token, caused);
            Optional<Claim> won = jobs.cancel(current.get(), cancelled, caused, now, lease, owner, token);
            if (won.isPresent()) {
                complete(won.get(), false, NO_ALERTS);
                return;
            }
        }
        throw new ConcurrentModificationException("delivery " + deliveryId + " changed under three cancellations in a row");
    }

    private void delivered(Claim claim, Attempted attempted, Instant now, Alerting raised) {
        DeliveryJob job = claim.job();
        metrics.attempt(job.channel(), "delivered", attempted.took());
        Settlement delivered = job.delivered(attempted.target(), now);
        deliveries.attempted(attemptOf(job, attempted.target(), "delivered", null, attempted.took(), now));
        if (!settle(claim, delivered, raised)) {
            // cancelled meanwhile, or its lease ran out: it reached the partner all the same, so that is told
            log.warn("delivery {} was delivered after its claim was lost", job.id());
            conclude(job, delivered, false, raised);
            events.publishUnheld(job, job.eventsOf(delivered));
        }
    }

    private void failed(Claim claim, String target, Failed failed, Duration took, Instant now, Alerting raised) {
        DeliveryJob job = claim.job();
        metrics.attempt(job.channel(), "failed", took);
        DeliveryJob.AfterFailure after = job.failed(failed, target, schedule, now);
        if (after instanceof DeliveryJob.RetryAt retry) {
            // the failed attempt's event is stored with the retry, so neither is recorded without the other
            events.mark(job, claim.lease(), retry.events());
            boolean held = jobs.retryAt(claim, retry.at(), failed.reason(), retry.events());
            if (!held) {
                events.publishUnheld(job, retry.events());
            } else if (!retry.events().isEmpty()) {
                events.publish(job, claim.lease());
            }
            deliveries.attempted(attemptOf(job, target, "failed", failed.reason(), took, now));
            if (held) {
                deliveries.retrying(job.id(), job.attempts(), failed.reason(), now, retry.at());
                log.warn("lead {} {} not delivered to partner {} by {} (attempt {}): {}; next attempt at {}", job.leadId(), job.kind().code(),
                        job.partnerId(), job.channel(), job.attempts(), failed.reason(), retry.at());
            }
            return;
        }
        deliveries.attempted(attemptOf(job, target, "failed", failed.reason(), took, now));
        settle(claim, ((DeliveryJob.GiveUp) after).settlement(), raised);
    }

    /** Records how the claimed job ended in the job itself, with the events that causes, then sees to it; false when the claim was lost. */
    private boolean settle(Claim claim, Settlement settlement, Alerting raised) {
        DeliveryJob job = claim.job();
        List<DeliveryJob.PendingEvent> caused = job.eventsOf(settlement);
        events.mark(job, claim.lease(), caused);
        if (!jobs.settle(claim, settlement, caused, settlement.at(), lease)) {
            return false;
        }
        complete(new Claim(job, claim.lease(), settlement), false, raised);
        return true;
    }

    /**
     * Sees to a settled job's end, publishes its pending events, and removes it once none is
     * pending; every step may be done again after a crash.
     */
    private void complete(Claim settled, boolean again, Alerting raised) {
        conclude(settled.job(), settled.settled(), again, raised);
        if (again) {
            // a left-over's events go by the relay (marked again, should its mark have gone): no sender waits for the broker
            events.relaySoon(settled.job(), settled.lease());
            if (!jobs.finish(settled)) {
                log.info("delivery {} ended; its job stays until the relay has published its events", settled.job().id());
            }
            return;
        }
        if (events.publish(settled.job(), settled.lease())) {
            jobs.finish(settled);
        } else {
            log.info("delivery {} ended; its job stays until the relay has published its events", settled.job().id());
        }
    }

    /**
     * What a delivery's end is seen to besides its events: its log entry, its metric and, when every
     * attempt failed, the operators' alert (scheduled once by its key).
     *
     * @param again whether this completes a settlement an instance that stopped had made, whose
     *              metric that instance counted
     */
    private void conclude(DeliveryJob job, Settlement settlement, boolean again, Alerting raised) {
        deliveries.settled(job.id(), settlement.state(), settlement.attempts(), settlement.reason(), settlement.at());
        if (!again) {
            metrics.settled(job.channel(), job.kind(), settlement.outcome());
        }
        switch (settlement.state()) {
            case DELIVERED -> log.info("lead {} {} delivered to partner {} by {} (attempt {})", job.leadId(), job.kind().code(),
                    job.partnerId(), job.channel(), settlement.attempts());
            case FAILED -> {
                log.error("lead {} {} to partner {} by {} given up after attempt {}: {}", job.leadId(), job.kind().code(), job.partnerId(),
                        job.channel(), settlement.attempts(), settlement.reason());
                if ("exhausted".equals(settlement.outcome())) {
                    alerts.deliveryExhausted(job.atAttempt(settlement.attempts()), settlement.target(), settlement.reason(), settlement.at())
                            .ifPresent(alert -> raise(alert, OperatorAlerts.EXHAUSTED, raised));
                }
            }
            case CANCELLED -> log.info("delivery {} for lead {} cancelled: {}", job.id(), job.leadId(), settlement.reason());
            default -> throw new IllegalStateException("a delivery does not end " + settlement.state());
        }
    }

    /** Schedules the alert; it is counted when it is scheduled, so completing a settlement again counts nothing twice. */
    private void raise(DeliveryJob alert, String reason, Alerting raised) {
        if (raised.schedule(alert)) {
            metrics.alert(reason);
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
}
