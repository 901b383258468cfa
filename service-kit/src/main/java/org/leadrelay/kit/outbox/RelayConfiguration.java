package org.leadrelay.kit.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.leadrelay.events.EventCodec;
import org.leadrelay.kit.EventsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/** The publisher every service sends its events through, the relays that see them out, and erasure reports. */
@Configuration(proxyBeanMethods = false)
public class RelayConfiguration {

    @Bean
    EventPublisher eventPublisher(KafkaTemplate<String, byte[]> eventKafkaTemplate, EventCodec codec, EventsProperties properties,
            MeterRegistry meters) {
        return new EventPublisher(eventKafkaTemplate, codec, properties.sendTimeout(), meters);
    }

    @Bean
    ErasureReports erasureReports(EventPublisher publisher, EventsProperties properties, Clock clock) {
        return new ErasureReports(publisher, properties.source(), clock);
    }

    @Bean
    EventRelays eventRelays(MongoTemplate mongo, EventsProperties properties, Clock clock, MeterRegistry meters) {
        return new EventRelays(mongo, properties, clock, meters);
    }
}
