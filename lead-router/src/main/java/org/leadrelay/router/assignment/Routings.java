package org.leadrelay.router.assignment;

import java.util.Optional;
import java.util.UUID;

/** The routing decisions taken, one per lead. */
public interface Routings {

    /**
     * Stores the decision unless the lead was already routed.
     *
     * @return the decision now stored for the lead: this one, or the earlier one
     */
    Routing storeFirst(Routing routing);

    Optional<Routing> find(UUID leadId);

    /** Notes that the decision's event reached the broker, so a redelivered lead publishes nothing. */
    void markPublished(UUID leadId);
}
