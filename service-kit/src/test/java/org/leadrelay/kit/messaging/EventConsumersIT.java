package org.leadrelay.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.keyed;

import java.net.URI;
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
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadErased;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.kit.KitTestApplication;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/** Tombstones as the Kafka binder really delivers them to a {@code Consumer<Message<byte[]>>} binding. */
@WithInfrastructure
@SpringBootTest(classes = {KitTestApplication.class, EventConsumersIT.Bindings.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.mongodb.database=service-kit-consumers-it",
        "leadrelay.events.source=/leadrelay/kit-tests",
        "spring.cloud.function.definition=partners;erasures",
        "spring.cloud.stream.default.consumer.max-attempts=1",
        "spring.cloud.stream.default.consumer.retryable-exceptions.org.leadrelay.events.MalformedEventException=false",
        "spring.cloud.stream.bindings.partners-in-0.destination=" + Topics.PARTNERS,
        "spring.cloud.stream.bindings.partners-in-0.group=kit-tests.partners",
        "spring.cloud.stream.bindings.erasures-in-0.destination=" + Topics.ERASURES,
        "spring.cloud.stream.bindings.erasures-in-0.group=kit-tests.erasures",
        "spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}",
        "spring.cloud.stream.kafka.default.consumer.enable-dlq=true",
        "spring.cloud.stream.kafka.bindings.partners-in-0.consumer.dlq-name=partners.v1.dlq",
        "spring.cloud.stream.kafka.bindings.erasures-in-0.consumer.dlq-name=leads.erasures.v1.dlq"})
class EventConsumersIT {

    private static TopicProbe kafka;

    @Autowired
    Bindings bindings;

    @BeforeAll
    static void connect() {
        kafka = TopicProbe.on(Topics.deadLetterOf(Topics.PARTNERS), Topics.deadLetterOf(Topics.ERASURES));
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

    private static Map<String, byte[]> deletedHeaders() {
        return CloudEventHeaders.toHeaders(UUID.randomUUID(), EventTypes.PARTNER_DELETED, "/leadrelay/tests", Instant.now());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Bindings {

        final Queue<PartnerUpserted> upserted = new ConcurrentLinkedQueue<>();
        final Queue<String> deletedKeys = new ConcurrentLinkedQueue<>();

        @Bean
        Consumer<Message<byte[]>> partners(EventConsumers consumers) {
            return consumers.of(PartnerUpserted.class, received -> upserted.add(received.event()), deletedKeys::add);
        }

        @Bean
        Consumer<Message<byte[]>> erasures(EventConsumers consumers) {
            return consumers.of(LeadErased.class, received -> {
            });
        }
    }
}
