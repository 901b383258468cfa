package org.leadrelay.intake.leads;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The leads this service has accepted. */
public interface Leads {

    void add(StoredLead lead);

    Optional<StoredLead> find(UUID leadId);

    void markPublished(UUID leadId);

    /** Leads received before {@code receivedBefore} whose event is not yet published, oldest first. */
    List<StoredLead> unpublished(Instant receivedBefore, int limit);

    /** How many leads are not yet published and since when the oldest waits, read from the store now. */
    PendingLeads pending();
}
