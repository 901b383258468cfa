package org.leadrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.EventTypes;
import org.junit.jupiter.api.Test;

class StageMatchingTest {

    private static final long MS = 1_000_000L;
    /** nanoTime 0 is epoch 2026-12-06T10:00:00Z. */
    private static final WallClock CLOCK = new WallClock(0, WallClock.micros(Instant.parse("2026-12-06T10:00:00Z")));
    private static final long T0 = CLOCK.originMicros();

    @Test
    void splitsALeadsPathIntoTheHopsBetweenItsEvents() {
        Post post = new Post(7, 0, 40 * MS, 202, "lead-1", false, null);
        EventStamps events = EventStamps.received(T0 + 30_000, T0 + 45_000)
                .merge(EventStamps.assigned(T0 + 60_000))
                .merge(EventStamps.delivered(true, T0 + 150_000))
                .merge(EventStamps.delivered(false, T0 + 400_000));

        Timeline timeline = Timeline.of(post, 120 * MS, events, CLOCK);

        assertThat(Stage.POST_TO_ANSWER.micros(timeline)).hasValue(40_000);
        assertThat(Stage.POST_TO_WEBHOOK.micros(timeline)).hasValue(120_000);
        assertThat(Stage.POST_TO_INTAKE.micros(timeline)).hasValue(30_000);
        assertThat(Stage.POST_TO_RECEIVED.micros(timeline)).hasValue(45_000);
        assertThat(Stage.RECEIVED_TO_ASSIGNED.micros(timeline)).hasValue(15_000);
        assertThat(Stage.ASSIGNED_TO_WEBHOOK.micros(timeline)).hasValue(60_000);
        assertThat(Stage.WEBHOOK_TO_DELIVERED.micros(timeline)).hasValue(30_000);
        assertThat(Stage.ASSIGNED_TO_EMAIL.micros(timeline)).hasValue(340_000);
        long path = Stage.PATH.stream().mapToLong(stage -> stage.micros(timeline).orElseThrow()).sum();
        assertThat(path).isEqualTo(150_000);
    }

    @Test
    void aMomentNotSeenLeavesItsStagesOutRatherThanCountingZero() {
        Post post = new Post(7, 0, 40 * MS, 202, "lead-1", false, null);

        Timeline timeline = Timeline.of(post, null, EventStamps.received(T0 + 30_000, T0 + 45_000), CLOCK);

        assertThat(Stage.POST_TO_WEBHOOK.micros(timeline)).isEmpty();
        assertThat(Stage.RECEIVED_TO_ASSIGNED.micros(timeline)).isEmpty();
        assertThat(Stage.POST_TO_RECEIVED.micros(timeline)).hasValue(45_000);
    }

    @Test
    void aMillisecondRecordTimestampJustBeforeAMicrosecondMomentCountsAsZero() {
        Post post = new Post(7, 0, 1 * MS, 202, "lead-1", false, null);
        EventStamps events = EventStamps.assigned(T0 + 10_000).merge(EventStamps.delivered(true, T0 + 20_000));

        Timeline timeline = Timeline.of(post, 20_400_000L, events, CLOCK);

        assertThat(Stage.WEBHOOK_TO_DELIVERED.micros(timeline)).hasValue(0);
    }

    @Test
    void aRedeliveredEventKeepsTheEarliestMomentAndCountsAdd() {
        EventStamps first = EventStamps.assigned(T0 + 10_000).merge(EventStamps.unroutableOnce());
        EventStamps again = EventStamps.assigned(T0 + 90_000).merge(EventStamps.unroutableOnce());

        EventStamps merged = again.merge(first);

        assertThat(merged.assigned()).isEqualTo(T0 + 10_000);
        assertThat(merged.unroutable()).isEqualTo(2);
        assertThat(merged.published()).isEqualTo(EventStamps.NONE);
    }

    @Test
    void readsLeadReceivedByItsCloudEventsTypeWithCeTimeAndRecordTimestamp() {
        ConsumerRecord<String, byte[]> record = record(EventTypes.LEAD_RECEIVED, "2026-12-06T10:00:00.012345Z", 1_796_551_200_020L, "{}");

        EventStamps stamps = EventWatcher.stamps(record);

        assertThat(stamps.intakeReceived()).isEqualTo(WallClock.micros(Instant.parse("2026-12-06T10:00:00.012345Z")));
        assertThat(stamps.published()).isEqualTo(1_796_551_200_020_000L);
    }

    @Test
    void tellsTheWebhookOfferFromTheEmailAndIgnoresAcceptances() {
        String time = "2026-12-06T10:00:01Z";
        EventStamps webhook = EventWatcher.stamps(record(EventTypes.NOTIFICATION_DELIVERED, time, 1_000,
                "{\"leadId\":\"x\",\"channel\":\"WEBHOOK\",\"message\":\"offer\"}"));
        EventStamps email = EventWatcher.stamps(record(EventTypes.NOTIFICATION_DELIVERED, time, 2_000, "{\"leadId\":\"x\",\"channel\":\"EMAIL\"}"));
        EventStamps acceptance = EventWatcher.stamps(record(EventTypes.NOTIFICATION_DELIVERED, time, 3_000,
                "{\"leadId\":\"x\",\"channel\":\"WEBHOOK\",\"message\":\"acceptance\"}"));

        assertThat(webhook.webhookDelivered()).isEqualTo(1_000_000);
        assertThat(webhook.emailDelivered()).isEqualTo(EventStamps.NONE);
        assertThat(email.emailDelivered()).isEqualTo(2_000_000);
        assertThat(acceptance).isNull();
    }

    @Test
    void skipsARecordWithoutCloudEventsHeaders() {
        ConsumerRecord<String, byte[]> bare = new ConsumerRecord<>("leads.received.v2", 0, 0, "x", new byte[0]);

        assertThat(EventWatcher.stamps(bare)).isNull();
    }

    @Test
    void histogramsPerStageReadAsMilliseconds() {
        StageHistograms histograms = new StageHistograms();
        for (int i = 1; i <= 100; i++) {
            histograms.add(Timeline.of(new Post(i, 0, i * MS, 202, "lead-" + i, false, null), null, null, CLOCK));
        }

        Percentiles answers = histograms.of(Stage.POST_TO_ANSWER);
        assertThat(answers.count()).isEqualTo(100);
        assertThat(answers.p50()).isEqualTo(50.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(answers.max()).isEqualTo(100.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(histograms.of(Stage.POST_TO_WEBHOOK).count()).isZero();
    }

    private static ConsumerRecord<String, byte[]> record(String type, String time, long timestamp, String json) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.toHeaders(java.util.UUID.randomUUID(), type, "/test", Instant.parse(time)).forEach(headers::add);
        return new ConsumerRecord<>("topic", 0, 0, timestamp, TimestampType.CREATE_TIME, -1, -1, "lead-1",
                json.getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }
}
