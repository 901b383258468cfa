package org.leadrelay.kit.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.leadrelay.kit.EventsProperties;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Makes a service's {@link EventRelay}, with the kit's sweep interval and grace. */
public class EventRelays {

    private final MongoTemplate mongo;
    private final EventsProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    EventRelays(MongoTemplate mongo, EventsProperties properties, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * The relay for one kind of aggregate. Its owner starts and stops it with its own lifecycle (or
     * declares it as a bean).
     */
    public EventRelay relay(String name, EventRelay.Source source) {
        return batchRelay(name, EventRelay.oneByOne(source));
    }

    /** The relay for aggregates whose owner publishes many at once. */
    public EventRelay batchRelay(String name, EventRelay.BatchSource source) {
        EventRelay relay = new EventRelay(name, mongo, source, clock, properties.sweepInterval(), properties.sweepGrace());
        Gauge.builder("leadrelay.relay.pending", relay, EventRelay::pending).description("aggregates whose events wait for the broker")
                .tag("relay", name).register(meters);
        Gauge.builder("leadrelay.relay.oldest", relay, r -> r.oldestPending()
                        .map(marked -> Math.max(0, Duration.between(marked, clock.instant()).toMillis()) / 1000.0).orElse(0.0))
                .description("how long the oldest waiting aggregate has waited for the broker (0 when none waits)").baseUnit("seconds")
                .tag("relay", name).register(meters);
        return relay;
    }
}
