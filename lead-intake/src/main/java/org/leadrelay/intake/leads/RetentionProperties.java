package org.leadrelay.intake.leads;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long intake keeps what it stores ({@code leadrelay.intake.retention.*}).
 *
 * @param leads           how long a lead is kept after it was received; then it is erased everywhere,
 *                        as an operator's erasure would, with {@code LeadErased} (18 months)
 * @param idempotencyKeys how long an Idempotency-Key is remembered (24 hours): a repeat within it
 *                        gets the first answer, after it makes a new lead
 * @param sweepInterval   how often the expired ones are looked for
 * @param slot            how finely expiry times are kept: a document goes at most this long after
 *                        its time, plus the sweep interval; each slot is one document listing what
 *                        expires in it, so a finer slot keeps them small (10 s: 200 ids at 20 leads/s).
 *                        Keep it fixed once the database holds expiries
 */
@ConfigurationProperties("leadrelay.intake.retention")
public record RetentionProperties(
        @DefaultValue("548d") Duration leads,
        @DefaultValue("24h") Duration idempotencyKeys,
        @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("10s") Duration slot) {

    public RetentionProperties {
        for (Duration duration : new Duration[] {leads, idempotencyKeys, sweepInterval, slot}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("leadrelay.intake.retention.* must be positive durations");
            }
        }
    }
}
