package org.leadrelay.console.partners;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Counters per partner, each change one increment by the partner's id. */
public interface PartnerStatistics {

    /** Adds each tally to its partner's counters: one write per partner. */
    void add(Collection<PartnerTally> tallies);

    /** How an offer ended for the partner. */
    enum Settled { ACCEPTED, DECLINED, EXPIRED }

    /** The statistics of these partners; one with none yet is left out. */
    Map<UUID, PartnerStats> of(Collection<UUID> partnerIds);
}
