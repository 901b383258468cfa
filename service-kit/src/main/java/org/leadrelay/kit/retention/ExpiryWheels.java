package org.leadrelay.kit.retention;

import java.time.Clock;
import java.time.Duration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Makes the service's {@link Expiries}, one wheel per kind, in the service's own database. */
public final class ExpiryWheels {

    private final MongoTemplate mongo;
    private final Clock clock;

    public ExpiryWheels(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The wheel of {@code kind}, with slots {@code slotWidth} wide. */
    public Expiries of(String kind, Duration slotWidth) {
        return new Expiries(mongo, kind, slotWidth, clock);
    }
}
