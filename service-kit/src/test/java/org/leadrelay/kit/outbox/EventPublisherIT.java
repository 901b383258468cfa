package org.leadrelay.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.testing.TopicProbe.keyed;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.Topics;
import org.leadrelay.kit.KitTestApplication;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@WithInfrastructure
@SpringBootTest(classes = KitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.mongodb.database=service-kit-publisher-it",
        "leadrelay.events.source=/leadrelay/kit-tests",
        "leadrelay.events.send-timeout=2s",
        "leadrelay.events.sweep-grace=2500ms"})
class EventPublisherIT {

    private static TopicProbe assignments;

    @Autowired
    EventPublisher publisher;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void watch() {
        assignments = TopicProbe.on(Topics.ASSIGNMENTS);
    }

    @AfterAll
    static void stopWatching() {
        assignments.close();
    }

    @Test
    void sendsTheEventWithItsCloudEventsHeadersAndCountsIt() throws EventNotPublishedException {
        EventEnvelope<LeadAccepted> accepted = EventEnvelope.of(UUID.randomUUID(), "/leadrelay/kit-tests", Instant.now(),
                new LeadAccepted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Instant.now()));
        double before = published(accepted.type());

        publisher.send(accepted);

        ConsumerRecord<String, byte[]> record = assignments.awaitRecord(keyed(accepted.key()));
        assertThat(TopicProbe.header(record, "ce_id")).isEqualTo(accepted.id().toString());
        assertThat(TopicProbe.header(record, "ce_type")).isEqualTo(EventTypes.LEAD_ACCEPTED);
        assertThat(TopicProbe.event(record, LeadAccepted.class)).isEqualTo(accepted.data());
        assertThat(published(accepted.type())).isEqualTo(before + 1);
        assertThat(meters.find("leadrelay.events.publish.failures").tag("topic", Topics.NOTIFICATIONS).counter())
                .as("every topic's failure count is there from the start, at 0").isNotNull();
    }

    private double published(String type) {
        var counter = meters.find("leadrelay.events.published").tag("topic", Topics.ASSIGNMENTS).tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }
}
