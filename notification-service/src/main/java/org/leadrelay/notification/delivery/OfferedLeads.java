package org.leadrelay.notification.delivery;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.LeadBrief;

/**
 * The offers this service told partners of, by lead and partner, so that a later acceptance or
 * withdrawal says which lead it is about, and a reassignment (which names only the previous partner)
 * finds the offer that moved on.
 */
public interface OfferedLeads {

    void remember(Offered offer);

    Optional<Offered> find(UUID leadId, UUID partnerId);

    /** Forgets what a partner was offered of the lead (its brief carries the customer's own words). */
    void forget(UUID leadId, UUID partnerId);

    record Offered(UUID leadId, UUID partnerId, UUID assignmentId, LeadBrief lead, Instant respondBy) {
    }
}
