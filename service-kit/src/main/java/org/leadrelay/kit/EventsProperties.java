package org.leadrelay.kit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service publishes its events ({@code leadrelay.events.*}).
 *
 * @param source            the CloudEvents source of the service's events, for example
 *                          {@code /leadrelay/lead-intake}
 * @param sendTimeout       how long a publish waits for the broker's acknowledgement
 * @param sweepInterval     how often the relays look for marked aggregates whose events are not yet published
 * @param sweepGrace        how long ago an aggregate must have been marked before the sweeper takes it, so the
 *                          happy path publishes it first; longer than {@code sendTimeout}, so the
 *                          sweeper never sends events whose first send is still waiting
 * @param partitions        partitions of each topic the service declares
 * @param replicationFactor replication factor of each topic the service declares
 * @param retention         how long the broker keeps the records of each topic (its
 *                          {@code retention.ms}); the compacted {@code partners.v1} keeps each
 *                          partner's latest record instead
 * @param deadLetterRetention how long the broker keeps the records of each dead-letter topic: time
 *                          to look at a failed record and replay it
 */
@ConfigurationProperties("leadrelay.events")
public record EventsProperties(
        String source,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("15s") Duration sweepGrace,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("14d") Duration deadLetterRetention) {

    public EventsProperties {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("leadrelay.events.source is required, for example /leadrelay/lead-intake");
        }
        if (retention.isNegative() || retention.isZero() || deadLetterRetention.isNegative() || deadLetterRetention.isZero()) {
            throw new IllegalArgumentException("leadrelay.events.retention and dead-letter-retention must be positive");
        }
        if (sweepGrace.compareTo(sendTimeout) <= 0) {
            throw new IllegalArgumentException("leadrelay.events.sweep-grace must be longer than leadrelay.events.send-timeout");
        }
    }
}
