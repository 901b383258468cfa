package org.leadrelay.directory.partners;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.leadrelay.kit.scheduling.InBackground;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code leadrelay.directory.partners{status,tier}}: how many partners there are in each
 * status and tier, counted in the database every {@code leadrelay.directory.census-interval}, so
 * every instance reports the same numbers.
 */
@Component
class PartnerCensus implements InBackground {

    private static final Logger log = LoggerFactory.getLogger(PartnerCensus.class);

    private final Partners partners;
    private final Map<PartnerStatus, Map<Tier, AtomicLong>> counts = new EnumMap<>(PartnerStatus.class);
    private final PeriodicTask loop;

    PartnerCensus(Partners partners, MeterRegistry meters, DirectoryProperties properties) {
        this.partners = partners;
        this.loop = PeriodicTask.every(properties.censusInterval(), "partner-census", this::count).startingAfter(Duration.ZERO);
        for (PartnerStatus status : PartnerStatus.values()) {
            Map<Tier, AtomicLong> byTier = new EnumMap<>(Tier.class);
            for (Tier tier : Tier.values()) {
                AtomicLong count = new AtomicLong();
                byTier.put(tier, count);
                Gauge.builder("leadrelay.directory.partners", count, AtomicLong::get).description("partners by status and tier")
                        .tag("status", status.name().toLowerCase(java.util.Locale.ROOT))
                        .tag("tier", tier.name().toLowerCase(java.util.Locale.ROOT)).register(meters);
            }
            counts.put(status, byTier);
        }
    }

    void count() {
        try {
            partners.census().forEach((status, byTier) -> byTier.forEach((tier, count) -> counts.get(status).get(tier).set(count)));
        } catch (RuntimeException e) {
            log.warn("could not count partners, the gauges keep their last values: {}", e.getMessage());
        }
    }

    @Override
    public SmartLifecycle background() {
        return loop;
    }
}
