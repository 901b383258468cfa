package org.leadrelay.console.partners;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Counters per partner, each change one increment by the partner's id. */
public interface PartnerStatistics {

    void offered(UUID partnerId);

    /** An operator gave the lead to someone else before the partner answered. */
    void withdrawn(UUID partnerId);

    /** The partner answered ({@code took} known) or stayed silent past its deadline ({@code took} null). */
    void settled(UUID partnerId, Settled how, Duration took);

    /** How an offer ended for the partner. */
    enum Settled { ACCEPTED, DECLINED, EXPIRED }

    /** The statistics of these partners; one with none yet is left out. */
    Map<UUID, PartnerStats> of(Collection<UUID> partnerIds);
}
