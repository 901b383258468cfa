package org.leadrelay.router.assignment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The leads the router handles, one case per lead. */
public interface LeadCases {

    /**
     * Stores a new case unless the lead has one already.
     *
     * @return true when this one was stored
     */
    boolean open(LeadCase leadCase);

    Optional<LeadCase> find(UUID leadId);

    /**
     * Stores the next version of a case if the stored one is still {@code changed.version() - 1}.
     *
     * @return false when another change got there first
     */
    boolean replace(LeadCase changed);

    /** Drops the published events from the case, unless it changed since (then they are dropped on the next relay). */
    void clearPending(UUID leadId, long version);

    /** The operators' queue: unroutable leads, oldest first. */
    List<LeadCase> unroutable(int limit);
}
