package org.leadrelay.directory.partners;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code leadrelay.directory.*}: how partners are weighted and managed.
 *
 * @param tierWeights    each tier's routing weight (a partner may override its own)
 * @param secretOverlap  how long a rotated-out webhook secret keeps signing beside the new one
 * @param defaultCapacity open leads a partner takes at once when registration does not say
 * @param censusInterval how often the partners-by-status-and-tier gauges are counted again
 */
@ConfigurationProperties("leadrelay.directory")
public record DirectoryProperties(
        Map<Tier, Double> tierWeights,
        @DefaultValue("24h") Duration secretOverlap,
        @DefaultValue("5") int defaultCapacity,
        @DefaultValue("15s") Duration censusInterval) {

    public DirectoryProperties {
        Map<Tier, Double> weights = new EnumMap<>(Map.of(Tier.PLATINUM, 8.0, Tier.GOLD, 4.0, Tier.SILVER, 2.0, Tier.REGISTERED, 1.0));
        if (tierWeights != null) {
            weights.putAll(tierWeights);
        }
        tierWeights = Map.copyOf(weights);
    }

    public double weightOf(Tier tier) {
        return tierWeights.get(tier);
    }
}
