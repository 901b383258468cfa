package org.leadrelay.events;

import java.time.Instant;
import java.util.UUID;

/** The customer asked to be forgotten: every service deletes the person's data of this lead. */
public record LeadErased(UUID leadId, Instant erasedAt) implements ErasureEvent {

    public LeadErased {
        Require.present(leadId, "leadId");
        Require.present(erasedAt, "erasedAt");
    }
}
