package org.leadrelay.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What share of one lead each partner eligible for it was due, by routing weight: the partner's
 * weight divided by the total weight of the eligible partners (each an equal share when every
 * weight is 0), as the router's fairness criterion reckons it. The shares of all eligible partners
 * add up to 1. To keep an event small however many partners were eligible, at most {@link #MOST}
 * partners are named (the largest shares); the others are summed in {@code others}.
 *
 * @param partners      share of the lead by partner id, each between 0 and 1, at most {@link #MOST}
 * @param others        the total share of the eligible partners not named (0 when all are named)
 * @param otherPartners how many eligible partners are not named
 */
public record ExpectedShares(Map<UUID, Double> partners, double others, int otherPartners) {

    /** The most partners an event names. */
    public static final int MOST = 500;

    public ExpectedShares {
        partners = partners == null ? Map.of() : partners;
        if (partners.size() > MOST) {
            throw new IllegalArgumentException("expectedShares.partners names at most " + MOST + " partners");
        }
        partners.forEach((partner, share) -> {
            if (partner == null || share == null || !(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("expectedShares.partners must hold shares between 0 and 1 by partner id");
            }
        });
        partners = Map.copyOf(partners);
        if (!(others >= 0 && others <= 1)) {
            throw new IllegalArgumentException("expectedShares.others must be between 0 and 1");
        }
        if (otherPartners < 0) {
            throw new IllegalArgumentException("expectedShares.otherPartners must not be negative");
        }
    }

    /**
     * The shares of every eligible partner, keeping the {@link #MOST} largest (ties by id) and
     * summing the rest.
     */
    public static ExpectedShares of(Map<UUID, Double> all) {
        if (all.size() <= MOST) {
            return new ExpectedShares(all, 0, 0);
        }
        Map<UUID, Double> kept = new LinkedHashMap<>();
        all.entrySet().stream()
                .sorted(Map.Entry.<UUID, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MOST).forEach(entry -> kept.put(entry.getKey(), entry.getValue()));
        double others = 0;
        for (Map.Entry<UUID, Double> entry : all.entrySet()) {
            if (!kept.containsKey(entry.getKey())) {
                others += entry.getValue();
            }
        }
        return new ExpectedShares(kept, Math.min(1, others), all.size() - kept.size());
    }

    /** The sum of every share, the named and the others': 1 up to rounding. */
    public double total() {
        return others + partners.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
