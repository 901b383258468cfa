package org.leadrelay.intake.leads;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The erasures of leads, one per lead: the proof that intake no longer holds a person's data. */
public interface LeadErasures {

    /**
     * Records a new erasure.
     *
     * @return false when the lead has an erasure already (asked before, or by a concurrent request)
     */
    boolean add(LeadErasure erasure);

    Optional<LeadErasure> find(UUID erasureId);

    default Optional<LeadErasure> ofLead(UUID leadId) {
        return find(LeadErasure.idOf(leadId));
    }

    /** The lead's data is gone; the earliest time recorded stays. */
    LeadErasure erased(UUID leadId, Instant at);

    /** The broker has the lead's LeadErased; the earliest time recorded stays. */
    void published(UUID leadId, Instant at);
}
