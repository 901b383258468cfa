package org.leadrelay.kit.outbox;

import java.time.Clock;
import org.leadrelay.kit.EventsProperties;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Makes a service's {@link EventRelay}, with the kit's sweep interval and grace. */
public class EventRelays {

    private final MongoTemplate mongo;
    private final EventsProperties properties;
    private final Clock clock;

    EventRelays(MongoTemplate mongo, EventsProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
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
        return new EventRelay(name, mongo, source, clock, properties.sweepInterval(), properties.sweepGrace());
    }
}
