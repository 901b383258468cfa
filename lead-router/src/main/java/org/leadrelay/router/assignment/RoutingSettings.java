package org.leadrelay.router.assignment;

import java.time.Duration;
import java.util.Map;
import org.leadrelay.router.routing.RoutingWeights;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code leadrelay.router.routing.*}: the routing policy's weights and settings (see docs/routing.md).
 * Every value is optional; one left out keeps {@link RoutingWeights#DEFAULT}'s, so the defaults live
 * in one place.
 */
@ConfigurationProperties("leadrelay.router.routing")
public record RoutingSettings(Double speciality, Double distance, Double language, Double tier, Double headroom,
        Double responsiveness, Double fairness, Double fairnessScaleLeads, Double experiencedCredit, Double environmentCredit,
        Double distanceHorizonKm, String fallbackLanguage, Double priorAcceptanceRate, Double priorOffers,
        Duration answerTimeReference, Map<String, Double> tierWeights, Integer maxPassedOver, Integer maxFallbacks) {

    /** The weights: each given value, else the default. */
    public RoutingWeights weights() {
        RoutingWeights d = RoutingWeights.DEFAULT;
        return new RoutingWeights(or(speciality, d.speciality()), or(distance, d.distance()), or(language, d.language()),
                or(tier, d.tier()), or(headroom, d.headroom()), or(responsiveness, d.responsiveness()), or(fairness, d.fairness()),
                or(fairnessScaleLeads, d.fairnessScaleLeads()), or(experiencedCredit, d.experiencedCredit()),
                or(environmentCredit, d.environmentCredit()), or(distanceHorizonKm, d.distanceHorizonKm()),
                fallbackLanguage != null ? fallbackLanguage : d.fallbackLanguage(), or(priorAcceptanceRate, d.priorAcceptanceRate()),
                or(priorOffers, d.priorOffers()), answerTimeReference != null ? answerTimeReference : d.answerTimeReference(),
                tierWeights != null && !tierWeights.isEmpty() ? tierWeights : d.tierWeights(),
                maxPassedOver != null ? maxPassedOver : d.maxPassedOver(), maxFallbacks != null ? maxFallbacks : d.maxFallbacks());
    }

    private static double or(Double value, double fallback) {
        return value != null ? value : fallback;
    }
}
