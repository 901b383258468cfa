package org.leadrelay.intake.leads;

import java.util.Optional;
import java.util.UUID;

/** The leads this service has accepted. */
public interface Leads {

    void add(StoredLead lead);

    Optional<StoredLead> find(UUID leadId);

    void markPublished(UUID leadId);

    /** Deletes the lead, contact and all: what is left of an erased lead is its {@link LeadErasure}. */
    void remove(UUID leadId);
}
