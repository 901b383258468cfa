package org.leadrelay.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** No partner can take the lead: an operator has to step in. */
public record LeadUnroutable(UUID leadId, String reason, List<PassedOver> passedOver, Instant decidedAt)
        implements AssignmentEvent {

    public LeadUnroutable {
        Require.present(leadId, "leadId");
        Require.text(reason, "reason");
        passedOver = Require.list(passedOver);
        Require.present(decidedAt, "decidedAt");
    }
}
