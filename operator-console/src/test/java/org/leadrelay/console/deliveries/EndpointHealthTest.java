package org.leadrelay.console.deliveries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Channel;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.NotificationFailed;

class EndpointHealthTest {

    private static final UUID PARTNER = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private final UUID lead = UUID.randomUUID();
    private final UUID assignment = UUID.randomUUID();

    @Test
    void aRetryingFailureIsUnderWayUntilTheSameDeliveryIsGivenUp() {
        EndpointHealth health = EndpointHealth.unknown(PARTNER, Channel.WEBHOOK)
                .after(failed(assignment, 1, "webhook: HTTP 503", true, T0), "Rhône Data");

        assertThat(health.failing()).isTrue();
        assertThat(health.consecutiveFailures()).isEqualTo(1);
        assertThat(health.partnerName()).isEqualTo("Rhône Data");
        assertThat(health.retries()).singleElement().satisfies(retry -> {
            assertThat(retry.attempt()).isEqualTo(1);
            assertThat(retry.reason()).isEqualTo("webhook: HTTP 503");
        });

        EndpointHealth givenUp = health.after(failed(assignment, 2, "webhook: HTTP 503", false, T0.plusSeconds(30)), null);
        assertThat(givenUp.retries()).isEmpty();
        assertThat(givenUp.consecutiveFailures()).isEqualTo(2);
        assertThat(givenUp.partnerName()).isEqualTo("Rhône Data");
        assertThat(givenUp.lastFailureAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aDeliveryEndsItsRetryAndTheRunOfFailures() {
        EndpointHealth health = EndpointHealth.unknown(PARTNER, Channel.WEBHOOK)
                .after(failed(assignment, 1, "webhook: timed out", true, T0), null)
                .after(delivered(assignment, 2, T0.plusSeconds(10)), null);

        assertThat(health.failing()).isFalse();
        assertThat(health.consecutiveFailures()).isZero();
        assertThat(health.retries()).isEmpty();
        assertThat(health.lastFailureReason()).isEqualTo("webhook: timed out");
        assertThat(health.lastDeliveredAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void anOlderFailureArrivingLateNeitherHidesANewerDeliveryNorCountsAfterIt() {
        UUID other = UUID.randomUUID();
        EndpointHealth health = EndpointHealth.unknown(PARTNER, Channel.WEBHOOK)
                .after(delivered(assignment, 1, T0.plusSeconds(60)), null)
                .after(failed(other, 1, "webhook: HTTP 500", false, T0), null);

        assertThat(health.failing()).isFalse();
        assertThat(health.consecutiveFailures()).isZero();
        assertThat(health.lastFailureReason()).isEqualTo("webhook: HTTP 500");
    }

    @Test
    void anOlderRetryOfTheSameDeliveryDoesNotReplaceALaterAttempt() {
        EndpointHealth health = EndpointHealth.unknown(PARTNER, Channel.WEBHOOK)
                .after(failed(assignment, 2, "webhook: HTTP 502", true, T0.plusSeconds(20)), null)
                .after(failed(assignment, 1, "webhook: HTTP 500", true, T0), null);

        assertThat(health.retries()).singleElement().extracting(RetryUnderWay::attempt).isEqualTo(2);
    }

    @Test
    void aCancelledDeliveryEndsItsRetryWithoutCountingAsTheEndpointsFailure() {
        EndpointHealth health = EndpointHealth.unknown(PARTNER, Channel.WEBHOOK)
                .after(failed(assignment, 1, "webhook: HTTP 503", true, T0), null)
                .after(failed(assignment, 1, "cancelled: the lead moved on", false, T0.plusSeconds(5)), null);

        assertThat(health.retries()).isEmpty();
        assertThat(health.consecutiveFailures()).isEqualTo(1);
        assertThat(health.lastFailureReason()).isEqualTo("webhook: HTTP 503");
    }

    @Test
    void keepsTheNewestRetriesOnly() {
        EndpointHealth health = EndpointHealth.unknown(PARTNER, Channel.WEBHOOK);
        for (int i = 0; i < EndpointHealth.MOST_RETRIES + 5; i++) {
            health = health.after(failed(UUID.randomUUID(), 1, "webhook: refused", true, T0.plusSeconds(i)), null);
        }
        assertThat(health.retries()).hasSize(EndpointHealth.MOST_RETRIES);
        assertThat(health.retries().get(0).failedAt()).isEqualTo(T0.plusSeconds(EndpointHealth.MOST_RETRIES + 4));
        assertThat(health.consecutiveFailures()).isEqualTo(EndpointHealth.MOST_RETRIES + 5);
    }

    private NotificationFailed failed(UUID assignmentId, int attempt, String reason, boolean retrying, Instant at) {
        return new NotificationFailed(lead, assignmentId, PARTNER, Channel.WEBHOOK, attempt, reason, retrying, at);
    }

    private NotificationDelivered delivered(UUID assignmentId, int attempt, Instant at) {
        return new NotificationDelivered(lead, assignmentId, PARTNER, Channel.WEBHOOK, attempt, at);
    }
}
