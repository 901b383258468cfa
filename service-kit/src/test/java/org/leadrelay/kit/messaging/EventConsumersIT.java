package org.leadrelay.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.keyed;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadErased;
import org.leadrelay.events.MalformedEventException;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.kit.KitTestApplication;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/**
 * Tombstones as the Kafka binder really delivers them to a {@code Consumer<Message<byte[]>>}
 * binding, and a batch-mode binding's malformed record dead-lettered alone.
 */
@WithInfrastructure
@SpringBootTest(classes = {KitTestApplication.class, EventConsumersIT.Bindings.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.mongodb.database=service-kit-consumers-it",
        "leadrelay.events.source=/leadrelay/kit-tests",
        "spring.cloud.function.definition=partners;erasures;erasureBatches",
        "spring.cloud.stream.default.consumer.max-attempts=1",
        "spring.cloud.stream.default.consumer.retryable-exceptions.org.leadrelay.events.MalformedEventException=false",
        "spring.cloud.stream.bindings.partners-in-0.destination=" + Topics.PARTNERS,
        "spring.cloud.stream.bindings.partners-in-0.group=kit-tests.partners",
        "spring.cloud.stream.bindings.erasures-in-0.destination=" + Topics.ERASURES,
        "spring.cloud.stream.bindings.erasures-in-0.group=kit-tests.erasures",
        // a topic no other binding of this test reads (the event's kind matters to the binding, not the topic)
        "spring.cloud.stream.bindings.erasureBatches-in-0.destination=" + Topics.ASSIGNMENTS,
        "spring.cloud.stream.bindings.erasureBatches-in-0.group=kit-tests.erasure-batches",
        "spring.cloud.stream.bindings.erasureBatches-in-0.consumer.batch-mode=true",
        "spring.cloud.stream.bindings.erasureBatches-in-0.consumer.use-native-decoding=true",
        // started by the test once its records are on the topic, so that one poll hands them all over
        "spring.cloud.stream.bindings.erasureBatches-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}",
        "spring.cloud.stream.kafka.default.consumer.enable-dlq=true",
        "spring.cloud.stream.kafka.bindings.partners-in-0.consumer.dlq-name=partners.v1.dlq",
        "spring.cloud.stream.kafka.bindings.erasures-in-0.consumer.dlq-name=leads.erasures.v1.dlq",
        "spring.cloud.stream.kafka.bindings.erasureBatches-in-0.consumer.dlq-name=leads.assignments.v2.dlq"})
class EventConsumersIT {

    private static TopicProbe kafka;

    @Autowired
    Bindings bindings;

    @Autowired
    BindingsLifecycleController lifecycle;

    @Autowired
    EventCodec codec;

    @BeforeAll
    static void connect() {
        kafka = TopicProbe.on(Topics.deadLetterOf(Topics.PARTNERS), Topics.deadLetterOf(Topics.ERASURES), Topics.deadLetterOf(Topics.ASSIGNMENTS));
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void aTombstoneReachesTheTombstoneHandlerWithItsKeyAfterTheEventsBeforeIt() {
        PartnerUpserted partner = new PartnerUpserted(UUID.randomUUID(), "Gone Soon", "GOLD", List.of("FR"), List.of("java"),
                List.of("fr"), 5, "leads@gone.example", URI.create("https://gone.example/hooks"), true, 1, Instant.now());
        kafka.publish(partner);

        kafka.send(Topics.PARTNERS, partner.key(), deletedHeaders(), null);

        await().atMost(Duration.ofSeconds(30)).until(() -> bindings.deletedKeys.contains(partner.key()));
        assertThat(bindings.upserted).extracting(PartnerUpserted::partnerId).contains(partner.partnerId());
        assertThat(kafka.recordsAfter(Duration.ofMillis(500), keyed(partner.key()))).isEmpty();
    }

    @Test
    void aTombstoneWithoutCloudEventsHeadersIsStillADeletion() {
        String key = UUID.randomUUID().toString();

        kafka.send(Topics.PARTNERS, key, Map.of(), null);

        await().atMost(Duration.ofSeconds(30)).until(() -> bindings.deletedKeys.contains(key));
    }

    @Test
    void aTombstoneOnABindingThatTakesNoneGoesToTheDeadLetterTopicSayingSo() {
        String key = UUID.randomUUID().toString();

        kafka.send(Topics.ERASURES, key, deletedHeaders(), null);

        ConsumerRecord<String, byte[]> dead = kafka.awaitRecord(keyed(key));
        assertThat(dead.topic()).isEqualTo(Topics.deadLetterOf(Topics.ERASURES));
        assertThat(dead.value()).isNull();
        assertThat(TopicProbe.header(dead, "x-exception-message")).contains("on a binding that takes no tombstones");
    }

    @Test
    void aMalformedRecordInABatchGoesAloneToTheDeadLetterTopicAndTheRecordsAroundItAreHandled() {
        UUID lead = UUID.randomUUID();
        LeadErased before = new LeadErased(lead, Instant.now());
        LeadErased after = new LeadErased(lead, Instant.now().plusMillis(1));
        byte[] malformed = "{\"leadId\": \"not a uuid\"}".getBytes(StandardCharsets.UTF_8);
        // one key, one partition: the three records in order, before the binding polls at all
        kafka.send(Topics.ASSIGNMENTS, lead.toString(), erasedHeaders(), codec.write(before));
        kafka.send(Topics.ASSIGNMENTS, lead.toString(), erasedHeaders(), malformed);
        kafka.send(Topics.ASSIGNMENTS, lead.toString(), erasedHeaders(), codec.write(after));

        lifecycle.changeState("erasureBatches-in-0", BindingsLifecycleController.State.STARTED);

        await().atMost(Duration.ofSeconds(30)).until(() -> bindings.erasedInBatches.containsAll(List.of(before, after)));
        ConsumerRecord<String, byte[]> dead = kafka.awaitRecord(keyed(lead.toString()));
        assertThat(dead.topic()).isEqualTo(Topics.deadLetterOf(Topics.ASSIGNMENTS));
        assertThat(dead.value()).isEqualTo(malformed);
        // spring-kafka's header names (the console reads them and the binder's), saying what was wrong with the record
        assertThat(TopicProbe.header(dead, "kafka_dlt-exception-message")).as(headerNames(dead)).contains("breaks its schema: /leadId");
        assertThat(TopicProbe.header(dead, "kafka_dlt-exception-fqcn")).isEqualTo(MalformedEventException.class.getName());
        assertThat(TopicProbe.header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.ASSIGNMENTS);
        assertThat(kafka.recordsAfter(Duration.ofMillis(500), keyed(lead.toString()))).as("only the malformed record is dead-lettered")
                .containsExactly(dead);
        assertThat(bindings.erasedInBatches).as("each good record handled once").filteredOn(erased -> erased.leadId().equals(lead))
                .hasSize(2);
    }

    private static String headerNames(ConsumerRecord<?, ?> record) {
        StringBuilder names = new StringBuilder();
        record.headers().forEach(header -> names.append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8)).append("; "));
        return names.toString();
    }

    private static Map<String, byte[]> erasedHeaders() {
        return CloudEventHeaders.toHeaders(UUID.randomUUID(), EventTypes.LEAD_ERASED, "/leadrelay/tests", Instant.now());
    }

    private static Map<String, byte[]> deletedHeaders() {
        return CloudEventHeaders.toHeaders(UUID.randomUUID(), EventTypes.PARTNER_DELETED, "/leadrelay/tests", Instant.now());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Bindings {

        final Queue<PartnerUpserted> upserted = new ConcurrentLinkedQueue<>();
        final Queue<String> deletedKeys = new ConcurrentLinkedQueue<>();
        final Queue<LeadErased> erasedInBatches = new ConcurrentLinkedQueue<>();

        @Bean
        Consumer<Message<byte[]>> partners(EventConsumers consumers) {
            return consumers.of(PartnerUpserted.class, received -> upserted.add(received.event()), deletedKeys::add);
        }

        @Bean
        Consumer<Message<List<byte[]>>> erasureBatches(EventConsumers consumers) {
            return consumers.batchOf(LeadErased.class, batch -> batch.forEach(event -> erasedInBatches.add(event.received().event())));
        }

        @Bean
        Consumer<Message<byte[]>> erasures(EventConsumers consumers) {
            return consumers.of(LeadErased.class, received -> {
            });
        }
    }
}
