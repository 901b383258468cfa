package org.leadrelay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Channel;
import org.leadrelay.notification.delivery.AttemptResult.Failed;
import org.leadrelay.notification.delivery.DeliveryJob.GiveUp;
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
        assertThat(job(1, null).failed(Failed.retryable("503"), TARGET, schedule, NOW))
                .isEqualTo(new RetryAt(NOW.plusSeconds(5)));
        assertThat(job(2, null).failed(new Failed("429", true, Duration.ofMinutes(7)), TARGET, schedule, NOW))
                .as("the receiver's Retry-After, longer than the schedule's delay, is honoured")
                .isEqualTo(new RetryAt(NOW.plus(Duration.ofMinutes(7))));
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
