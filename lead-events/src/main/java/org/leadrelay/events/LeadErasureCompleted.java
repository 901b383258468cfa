package org.leadrelay.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One service has erased what it held of the person behind a lead ({@link LeadErased}): its
 * report, which the operator console shows per service and which closes the erasure there. Each
 * service reports once per lead (under an event id derived from the lead and the service, so a
 * report sent again is recognised).
 *
 * @param service     the reporting service, for example {@code lead-router}
 * @param summary     what it did, in words that name no person (for example "case anonymised; offer withdrawn")
 * @param completedAt when the service's own copy was gone
 */
public record LeadErasureCompleted(UUID leadId, String service, String summary, Instant completedAt) implements ErasureEvent {

    public LeadErasureCompleted {
        Require.present(leadId, "leadId");
        Require.text(service, "service");
        Require.text(summary, "summary");
        Require.present(completedAt, "completedAt");
    }
}
