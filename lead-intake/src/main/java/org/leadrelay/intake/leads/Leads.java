package org.leadrelay.intake.leads;

import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.LeadReceived;

/** The leads this service has accepted. */
public interface Leads {

    void add(LeadReceived lead);

    Optional<LeadReceived> find(UUID leadId);
}
