package org.leadrelay.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.testing.TopicProbe.keyed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadDeclined;
import org.leadrelay.events.Topics;
import org.leadrelay.kit.KitTestApplication;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@WithInfrastructure
@SpringBootTest(classes = KitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.mongodb.database=service-kit-it",
        "spring.mongodb.representation.uuid=standard",
        "leadrelay.events.source=/leadrelay/kit-tests",
        "leadrelay.events.send-timeout=2s",
        "leadrelay.events.sweep-grace=2500ms",
        "leadrelay.events.sweep-interval=200ms"})
class OutboxIT {

    private static TopicProbe assignments;

    @Autowired
    Outbox outbox;

    @BeforeAll
    static void watch() {
        assignments = TopicProbe.on(Topics.ASSIGNMENTS);
    }

    @AfterAll
    static void stopWatching() {
        assignments.close();
    }

    @Test
    void publishesRightAfterRecordingAndForgetsTheEntry() {
        EventEnvelope<LeadAccepted> accepted = outbox.envelope(UUID.randomUUID(), accepted(UUID.randomUUID()));

        assertThat(outbox.publish(accepted)).isTrue();

        ConsumerRecord<String, byte[]> record = assignments.awaitRecord(keyed(accepted.key()));
        assertThat(TopicProbe.header(record, "ce_id")).isEqualTo(accepted.id().toString());
        assertThat(TopicProbe.event(record, LeadAccepted.class)).isEqualTo(accepted.data());
    }

    @Test
    void theSweeperPublishesWhatWasRecordedButNotSent() {
        EventEnvelope<LeadAccepted> stranded = outbox.envelope(UUID.randomUUID(), accepted(UUID.randomUUID()));

        outbox.record(stranded);

        ConsumerRecord<String, byte[]> record = assignments.awaitRecord(keyed(stranded.key()));
        assertThat(TopicProbe.header(record, "ce_id")).isEqualTo(stranded.id().toString());
    }

    @Test
    void recordingTheSameEventTwiceStoresItOnce() {
        EventEnvelope<LeadAccepted> accepted = outbox.envelope(UUID.randomUUID(), accepted(UUID.randomUUID()));

        outbox.record(accepted);
        outbox.record(accepted);

        assignments.awaitRecord(keyed(accepted.key()));
        assertThat(assignments.recordsAfter(Duration.ofSeconds(3), keyed(accepted.key()))).hasSize(1);
    }

    @Test
    void aLaterEventNeverOvertakesAPendingEarlierOneForTheSameKey() {
        UUID leadId = UUID.randomUUID();
        EventEnvelope<LeadAccepted> first = outbox.envelope(UUID.randomUUID(), accepted(leadId));
        EventEnvelope<LeadDeclined> second = outbox.envelope(UUID.randomUUID(),
                new LeadDeclined(leadId, UUID.randomUUID(), UUID.randomUUID(), "too far", Instant.now()));

        outbox.record(first);
        assertThat(outbox.publish(second)).isFalse();

        List<ConsumerRecord<String, byte[]>> records = assignments.awaitRecords(keyed(leadId), 2);
        assertThat(records).extracting(record -> TopicProbe.header(record, "ce_id"))
                .containsExactly(first.id().toString(), second.id().toString());
    }

    private static LeadAccepted accepted(UUID leadId) {
        return new LeadAccepted(leadId, UUID.randomUUID(), UUID.randomUUID(), Instant.now());
    }
}
