package org.leadrelay.router.routing;

import java.util.UUID;

/**
 * An eligible partner as the components see it.
 *
 * @param weight    its routing weight: its own, or its tier's
 * @param tieBreak  where it stands among partners of equal score for this lead (lower first)
 */
record Candidate(RoutablePartner partner, Standing standing, double weight, long tieBreak) {

    /**
     * A well-mixed number from the lead and the partner: equal partners come first equally often
     * over many leads, and the same lead always orders them the same way (SplitMix64's finaliser,
     * stable across JVMs, unlike a hash code).
     */
    static long tieBreak(UUID leadId, UUID partnerId) {
        return tieBreak(leadId, partnerId.getMostSignificantBits(), partnerId.getLeastSignificantBits());
    }

    /** As {@link #tieBreak(UUID, UUID)}, with the partner's id as its two halves. */
    static long tieBreak(UUID leadId, long partnerHigh, long partnerLow) {
        long h = mix(leadId.getMostSignificantBits() ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ leadId.getLeastSignificantBits());
        h = mix(h ^ partnerHigh);
        return mix(h ^ partnerLow);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
