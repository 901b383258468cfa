package org.leadrelay.router.routing;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the router weighs partners: the points each score component can give, and the few constants
 * the eligibility rules and components need. Plain values, so configuration maps onto it and tests
 * build their own; see docs/routing.md for what each one does to a decision.
 *
 * @param speciality             points for covering every need at the certified level
 * @param distance               points for an office at the lead's position; half of it when the
 *                               distance is unknown (neutral)
 * @param language               points for serving in the customer's own language rather than the
 *                               fallback language
 * @param tier                   points for the highest routing weight in {@code tierWeights}
 * @param headroom               points for a partner with all of its capacity free
 * @param responsiveness         points for a partner that accepts every offer at once
 * @param fairness               points for a partner {@code fairnessScaleLeads} or more leads behind
 *                               its weight-proportional share (and as many taken from one as far ahead)
 * @param fairnessScaleLeads     how many leads behind (or ahead of) its share a partner must be for
 *                               fairness to count fully
 * @param experiencedCredit      what experience in a need counts for, certification counting 1
 * @param environmentCredit      what one item of the customer's environment counts for in the fit,
 *                               an asked product or service counting 1
 * @param distanceHorizonKm      the distance from the nearest office at which distance gives nothing
 * @param fallbackLanguage       the language a partner may serve in when it does not speak the
 *                               customer's (ISO 639-1), null for none
 * @param priorAcceptanceRate    the acceptance rate assumed for a partner with no record, when the
 *                               eligible partners have no record either
 * @param priorOffers            how many offers' worth of evidence the prior counts for
 * @param answerTimeReference    the median answer time that scores half of the speed part
 * @param tierWeights            the routing weight of each tier, used when a partner has no
 *                               routing weight of its own; an unknown tier gets the lowest
 * @param maxPassedOver          how many excluded partners a decision names (all are counted)
 * @param maxFallbacks           how many partners after the first an assignment names as fallbacks
 */
public record RoutingWeights(
        double speciality,
        double distance,
        double language,
        double tier,
        double headroom,
        double responsiveness,
        double fairness,
        double fairnessScaleLeads,
        double experiencedCredit,
        double environmentCredit,
        double distanceHorizonKm,
        String fallbackLanguage,
        double priorAcceptanceRate,
        double priorOffers,
        Duration answerTimeReference,
        Map<String, Double> tierWeights,
        int maxPassedOver,
        int maxFallbacks) {

    /** The tier weights partner-directory gives by default. */
    public static final Map<String, Double> DEFAULT_TIER_WEIGHTS = Map.of("PLATINUM", 8.0, "GOLD", 4.0, "SILVER", 2.0, "REGISTERED", 1.0);

    public static final RoutingWeights DEFAULT = new RoutingWeights(40, 10, 10, 10, 10, 15, 30, 10, 0.6, 0.5, 200, "en", 0.5, 5,
            Duration.ofHours(4), DEFAULT_TIER_WEIGHTS, 20, 3);

    public RoutingWeights {
        for (double points : new double[] {speciality, distance, language, tier, headroom, responsiveness, fairness}) {
            if (!(points >= 0) || Double.isInfinite(points)) {
                throw new IllegalArgumentException("component weights must be finite and not negative");
            }
        }
        if (!(fairnessScaleLeads > 0) || Double.isInfinite(fairnessScaleLeads)) {
            throw new IllegalArgumentException("fairnessScaleLeads must be positive");
        }
        if (!(experiencedCredit >= 0 && experiencedCredit <= 1)) {
            throw new IllegalArgumentException("experiencedCredit must be between 0 and 1");
        }
        if (!(environmentCredit >= 0 && environmentCredit <= 1)) {
            throw new IllegalArgumentException("environmentCredit must be between 0 and 1");
        }
        if (!(distanceHorizonKm > 0)) {
            throw new IllegalArgumentException("distanceHorizonKm must be positive");
        }
        if (fallbackLanguage != null) {
            fallbackLanguage = fallbackLanguage.isBlank() ? null : fallbackLanguage.strip().toLowerCase(Locale.ROOT);
        }
        if (!(priorAcceptanceRate >= 0 && priorAcceptanceRate <= 1)) {
            throw new IllegalArgumentException("priorAcceptanceRate must be between 0 and 1");
        }
        if (!(priorOffers >= 0) || Double.isInfinite(priorOffers)) {
            throw new IllegalArgumentException("priorOffers must not be negative");
        }
        if (answerTimeReference == null || answerTimeReference.isNegative() || answerTimeReference.isZero()) {
            throw new IllegalArgumentException("answerTimeReference must be positive");
        }
        if (tierWeights == null || tierWeights.isEmpty()) {
            throw new IllegalArgumentException("tierWeights must name at least one tier");
        }
        Map<String, Double> tiers = new TreeMap<>();
        tierWeights.forEach((name, weight) -> {
            if (weight == null || !(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("tierWeights." + name + " must be finite and not negative");
            }
            tiers.put(name.toUpperCase(Locale.ROOT), weight);
        });
        tierWeights = Collections.unmodifiableMap(tiers);
        if (maxPassedOver < 0 || maxFallbacks < 0) {
            throw new IllegalArgumentException("maxPassedOver and maxFallbacks must not be negative");
        }
    }

    /** The same weights with another fallback language, null for none. */
    public RoutingWeights withFallbackLanguage(String changed) {
        return new RoutingWeights(speciality, distance, language, tier, headroom, responsiveness, fairness, fairnessScaleLeads,
                experiencedCredit, environmentCredit, distanceHorizonKm, changed, priorAcceptanceRate, priorOffers,
                answerTimeReference, tierWeights, maxPassedOver, maxFallbacks);
    }

    /** The same weights with other points per component, in the order of the record. */
    public RoutingWeights withPoints(double changedSpeciality, double changedDistance, double changedLanguage, double changedTier,
            double changedHeadroom, double changedResponsiveness, double changedFairness) {
        return new RoutingWeights(changedSpeciality, changedDistance, changedLanguage, changedTier, changedHeadroom,
                changedResponsiveness, changedFairness, fairnessScaleLeads, experiencedCredit, environmentCredit, distanceHorizonKm,
                fallbackLanguage, priorAcceptanceRate, priorOffers, answerTimeReference, tierWeights, maxPassedOver, maxFallbacks);
    }

    /** The highest tier weight: a routing weight at or above it earns all of the tier points. */
    double topTierWeight() {
        return tierWeights.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    }

    /** The weight of a tier without a routing weight of its own; an unknown tier counts as the lowest. */
    double weightOfTier(String tierName) {
        if (tierName == null) {
            return lowestTierWeight();
        }
        Double weight = tierWeights.get(tierName);
        if (weight == null) {
            weight = tierWeights.get(tierName.toUpperCase(Locale.ROOT));
        }
        return weight != null ? weight : lowestTierWeight();
    }

    /** The lowest tier weight: what a partner of an unknown tier counts with. */
    double lowestTierWeight() {
        return tierWeights.values().stream().mapToDouble(Double::doubleValue).min().orElse(1);
    }
}
