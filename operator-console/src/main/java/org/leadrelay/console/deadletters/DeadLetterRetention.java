package org.leadrelay.console.deadletters;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.leadrelay.kit.retention.Expiries;
import org.leadrelay.kit.retention.ExpiryWheels;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A dead letter holds a record as it failed, personal data included, so the console keeps it for
 * {@code leadrelay.console.dead-letters.retention} after storing it (14 days by default, the
 * dead-letter topics' own retention: past it the record can no longer be replayed from its topic
 * anyway), whatever an operator did with it. Scheduled when stored, in service-kit's
 * {@link Expiries}.
 */
public class DeadLetterRetention {

    private final Expiries expiries;
    private final Properties properties;
    private final PeriodicTask sweeper;

    DeadLetterRetention(ExpiryWheels wheels, Properties properties, MeterRegistry meters, DeadLetters letters) {
        this.properties = properties;
        this.expiries = wheels.of("dead-letters", properties.slot());
        this.sweeper = expiries.sweeper(properties.sweepInterval(), meters,
                ids -> letters.remove(ids.stream().map(String.class::cast).toList()));
    }

    /** A dead letter about to be stored: it goes when its retention is over. */
    public void stored(String id, Instant storedAt) {
        expiries.expireAt(id, storedAt.plus(properties.retention()));
    }

    /** The background loop that removes expired dead letters (a bean: it starts and stops with the context). */
    public PeriodicTask sweeper() {
        return sweeper;
    }

    /**
     * {@code leadrelay.console.dead-letters.*}.
     *
     * @param retention     how long a stored dead letter is kept
     * @param sweepInterval how often expired ones are looked for
     * @param slot          how finely expiry times are kept
     */
    @ConfigurationProperties("leadrelay.console.dead-letters")
    public record Properties(@DefaultValue("14d") Duration retention, @DefaultValue("1m") Duration sweepInterval,
            @DefaultValue("1m") Duration slot) {
    }
}
