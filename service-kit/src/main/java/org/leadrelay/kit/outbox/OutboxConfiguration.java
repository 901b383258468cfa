package org.leadrelay.kit.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
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
        Gauge.builder("leadrelay.outbox.oldest", outbox, o -> o.oldestPending()
                        .map(recorded -> Math.max(0, Duration.between(recorded, clock.instant()).toMillis()) / 1000.0).orElse(0.0))
                .description("how long the oldest event in the outbox has waited for the broker (0 when none waits)").baseUnit("seconds")
                .register(meters);
        return outbox;
    }

    @Bean
    ErasureReports erasureReports(EventPublisher publisher, EventsProperties properties, Clock clock) {
        return new ErasureReports(publisher, properties.source(), clock);
    }

    @Bean
    EventRelays eventRelays(MongoTemplate mongo, EventsProperties properties, Clock clock, MeterRegistry meters) {
        return new EventRelays(mongo, properties, clock, meters);
    }

    @Bean
    OutboxSweeper outboxSweeper(Outbox outbox, EventsProperties properties) {
        return new OutboxSweeper(outbox, properties.sweepInterval(), properties.sweepGrace());
    }
}
