package org.leadrelay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Channel;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.NotificationEvent;
import org.leadrelay.events.NotificationFailed;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.notification.delivery.AttemptResult.Failed;
import org.leadrelay.notification.delivery.DeliveryJob.GiveUp;
import org.leadrelay.notification.delivery.DeliveryJob.PendingEvent;
import org.leadrelay.notification.delivery.DeliveryJob.RetryAt;
import org.leadrelay.notification.delivery.DeliveryJobs.Settlement;

/** A delivery's rules after each attempt, without a database, a broker or a receiver. */
class DeliveryJobTest {

    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    private static final String TARGET = "https://partner.example.test";
    /** 5 s after the first failure, 5 min after the second; then it gives up. No jitter, so the times are exact. */
    private final RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)), 0,
            Duration.ofMinutes(10), new Random(7));

    @Test
    void a_retryable_failure_is_tried_again_on_the_schedule() {
        DeliveryJob first = job(1, null);
        assertThat(first.failed(Failed.retryable("503"), TARGET, schedule, NOW))
                .isEqualTo(new RetryAt(NOW.plusSeconds(5), List.of(failedEvent(first, 1, "503", true))));
        DeliveryJob second = job(2, null);
        assertThat(second.failed(new Failed("429", true, Duration.ofMinutes(7)), TARGET, schedule, NOW))
                .as("the receiver's Retry-After, longer than the schedule's delay, is honoured")
                .isEqualTo(new RetryAt(NOW.plus(Duration.ofMinutes(7)), List.of(failedEvent(second, 2, "429", true))));
    }

    @Test
    void each_end_is_published_under_an_id_derived_from_the_delivery_and_its_attempts() {
        DeliveryJob second = job(2, null);

        PendingEvent delivered = second.eventsOf(second.delivered(TARGET, NOW)).get(0);
        assertThat(delivered.id()).isEqualTo(EventIds.derived("notification", second.id(), 2));
        assertThat(delivered.event()).isEqualTo(new NotificationDelivered(second.leadId(), second.assignmentId(), second.partnerId(),
                Channel.WEBHOOK, 2, NOW, NotificationEvent.OFFER));
        assertThat(second.eventsOf(second.delivered(TARGET, NOW))).as("the same end is the same event").containsExactly(delivered);

        DeliveryJob third = job(3, null);
        GiveUp exhausted = (GiveUp) third.failed(Failed.retryable("503"), TARGET, schedule, NOW);
        assertThat(third.eventsOf(exhausted.settlement())).containsExactly(failedEvent(third, 3, "503", false));
        assertThat(second.eventsOf(second.withdrawn("the offer was answered", NOW)))
                .containsExactly(failedEvent(second, 2, "cancelled: the offer was answered", false));
    }

    @Test
    void a_failed_attempt_and_its_retry_are_distinct_events_of_the_same_attempt() {
        DeliveryJob first = job(1, null);
        PendingEvent retrying = ((RetryAt) first.failed(Failed.retryable("503"), TARGET, schedule, NOW)).events().get(0);

        assertThat(retrying.id()).isEqualTo(EventIds.derived("notification", first.id(), 1, true))
                .isNotEqualTo(EventIds.derived("notification", first.id(), 1, false));
    }

    @Test
    void a_cancellation_before_any_attempt_and_an_operators_alert_publish_nothing() {
        assertThat(job(0, null).eventsOf(job(0, null).withdrawn("the offer was answered", NOW))).isEmpty();
        assertThat(job(1, null).cancelled("the offer's deadline passed", NOW).attempts()).isZero();
        assertThat(job(1, null).eventsOf(job(1, null).cancelled("the offer's deadline passed", NOW))).isEmpty();

        DeliveryJob alert = new DeliveryJob("alert:exhausted", DeliveryKind.OPERATOR_ALERT, Channel.EMAIL, UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), "msg_2", 1, NOW, null, NOW, null,
                new DeliveryJob.Email(List.of("operators@leadrelay.test"), "s", "t", null, "en"), null);
        assertThat(alert.eventsOf(alert.delivered("operators", NOW))).isEmpty();
        assertThat(alert.failed(Failed.retryable("421"), "operators", schedule, NOW)).isEqualTo(new RetryAt(NOW.plusSeconds(5), List.of()));
    }

    @Test
    void a_withdrawn_delivery_keeps_the_attempts_already_made() {
        assertThat(job(2, null).withdrawn("the partner accepted by email", NOW))
                .isEqualTo(new Settlement(DeliveryState.CANCELLED, "cancelled", 2, "the partner accepted by email", null, NOW));
    }

    private static PendingEvent failedEvent(DeliveryJob job, int attempt, String reason, boolean retrying) {
        return new PendingEvent(EventIds.derived("notification", job.id(), attempt, retrying), new NotificationFailed(job.leadId(),
                job.assignmentId(), job.partnerId(), Channel.WEBHOOK, attempt, reason, retrying, NOW, NotificationEvent.OFFER));
    }

    @Test
    void a_retryable_failure_past_the_schedule_gives_up_exhausted() {
        assertThat(job(3, null).failed(Failed.retryable("503"), TARGET, schedule, NOW))
                .isEqualTo(new GiveUp(new Settlement(DeliveryState.FAILED, "exhausted", 3, "503", TARGET, NOW)));
    }

    @Test
    void no_attempt_is_made_after_the_offers_deadline() {
        DeliveryJob dueSoon = job(2, NOW.plusSeconds(60)); // the next attempt would be 5 min away

        assertThat(dueSoon.failed(Failed.retryable("timeout"), TARGET, schedule, NOW)).isEqualTo(new GiveUp(new Settlement(
                DeliveryState.FAILED, "exhausted", 2, "timeout (no attempt left before the offer's deadline)", TARGET, NOW)));
    }

    @Test
    void a_permanent_failure_is_refused_at_once() {
        assertThat(job(1, null).failed(Failed.permanent("404 Not Found"), TARGET, schedule, NOW))
                .isEqualTo(new GiveUp(new Settlement(DeliveryState.FAILED, "refused", 1, "404 Not Found", TARGET, NOW)));
    }

    @Test
    void delivered_and_cancelled_end_the_delivery_with_the_attempts_really_made() {
        DeliveryJob second = job(2, null);

        assertThat(second.delivered(TARGET, NOW)).isEqualTo(new Settlement(DeliveryState.DELIVERED, "delivered", 2, null, TARGET, NOW));
        assertThat(second.cancelled("the offer was withdrawn", NOW))
                .isEqualTo(new Settlement(DeliveryState.CANCELLED, "cancelled", 1, "the offer was withdrawn", null, NOW));
    }

    private static DeliveryJob job(int attempts, Instant notAfter) {
        UUID assignment = UUID.randomUUID();
        return new DeliveryJob(assignment + ":offer:webhook", DeliveryKind.OFFER, Channel.WEBHOOK, UUID.randomUUID(), assignment,
                UUID.randomUUID(), "msg_1", attempts, NOW, notAfter, NOW.minusSeconds(60), null, null,
                new DeliveryJob.Webhook("lead.offered", "{}"));
    }
}
