package org.leadrelay.kit.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.leadrelay.events.EventCodec;
import org.leadrelay.kit.EventsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.kafka.core.KafkaTemplate;

/** The outbox, its relay to Kafka and its sweeper. */
@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

    @Bean
    EventPublisher eventPublisher(KafkaTemplate<String, byte[]> eventKafkaTemplate, EventCodec codec, EventsProperties properties) {
        return new EventPublisher(eventKafkaTemplate, codec, properties.sendTimeout());
    }

    @Bean
    Outbox outbox(MongoTemplate mongo, EventPublisher publisher, EventCodec codec, EventsProperties properties, Clock clock,
            MeterRegistry meters) {
        mongo.indexOps(OutboxEntry.class).createIndex(new Index("recordedAt", org.springframework.data.domain.Sort.Direction.ASC));
        Outbox outbox = new Outbox(mongo, publisher, codec, properties.source(), clock, meters);
        meters.gauge("leadrelay.outbox.pending", outbox, Outbox::pending);
        return outbox;
    }

    @Bean
    EventRelays eventRelays(MongoTemplate mongo, EventsProperties properties, Clock clock) {
        return new EventRelays(mongo, properties, clock);
    }

    @Bean
    OutboxSweeper outboxSweeper(Outbox outbox, EventsProperties properties) {
        return new OutboxSweeper(outbox, properties.sweepInterval(), properties.sweepGrace());
    }
}
