package org.leadrelay.kit;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.leadrelay.events.EventCodec;
import org.leadrelay.kit.messaging.ConsumerRetries;
import org.leadrelay.kit.messaging.ConsumerRetryProperties;
import org.leadrelay.kit.messaging.EventConsumers;
import org.leadrelay.kit.messaging.TopicDeclarations;
import org.leadrelay.kit.outbox.RelayConfiguration;
import org.leadrelay.kit.retention.ExpiryWheels;
import org.leadrelay.kit.web.ApiDescriptions;
import org.leadrelay.kit.web.ProblemDetailsAdvice;
import org.leadrelay.kit.web.UnknownFields;
import org.leadrelay.kit.web.UnknownFieldsAdvice;
import org.leadrelay.kit.webhooks.AnswerTokenConfiguration;
import org.leadrelay.kit.webhooks.WebhookConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires the kit into a Lead Relay service. */
@AutoConfiguration(beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
@EnableConfigurationProperties({EventsProperties.class, ConsumerRetryProperties.class})
@Import({RelayConfiguration.class, WebhookConfiguration.class, AnswerTokenConfiguration.class, ProblemDetailsAdvice.class,
        UnknownFieldsAdvice.class})
public class KitAutoConfiguration {

    /** Every unknown field of a request body noted, not only the first (UnknownFieldsAdvice refuses them all at once). */
    @Bean
    JsonMapperBuilderCustomizer unknownFieldsNoted() {
        return builder -> builder.addHandler(new UnknownFields());
    }

    /** The OpenAPI document's shared parts (problem details, sign-in, common refusals), where the service publishes one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
    static class ApiDescriptionConfiguration {

        @Bean
        ApiDescriptions apiDescriptions() {
            return new ApiDescriptions();
        }
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo, ObjectProvider<MongoClient> client) {
        return new MongoPingHealthIndicator(mongo, client.getIfAvailable());
    }

    @Bean
    ExpiryWheels expiryWheels(MongoTemplate mongo, Clock clock) {
        return new ExpiryWheels(mongo, clock);
    }

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    EventConsumers eventConsumers(EventCodec codec) {
        return new EventConsumers(codec);
    }

    @Bean
    KafkaAdmin.NewTopics leadRelayTopics(EventsProperties properties) {
        return new KafkaAdmin.NewTopics(
                TopicDeclarations.all(properties.partitions(), properties.replicationFactor(), properties.retention(),
                        properties.deadLetterRetention()).toArray(new NewTopic[0]));
    }

    /**
     * The producer of the service's events: every send waits for all in-sync replicas, retries
     * without duplicates (idempotence) and does not linger, since the request path waits for it.
     */
    @Bean
    KafkaTemplate<String, byte[]> eventKafkaTemplate(KafkaProperties kafka, EventsProperties events) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        int timeout = (int) events.sendTimeout().toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    /**
     * Retries and dead letters for every consumer binding, by why a record failed: a malformed one
     * to the dead-letter topic at once, one that met an unavailable database retried until it is
     * back, any other after the binding's retries. Its producer writes the records' raw key and
     * value.
     */
    @Bean
    @ConditionalOnMissingBean(ListenerContainerCustomizer.class)
    ConsumerRetries consumerRetries(KafkaProperties kafka, ConsumerRetryProperties retries, ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new ConsumerRetries(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config)), retries,
                kafka.buildConsumerProperties(), meters.getIfAvailable(SimpleMeterRegistry::new));
    }
}
