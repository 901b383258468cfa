package org.leadrelay.intake.leads;

import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Removes a lead's personal data from everything intake stores: the lead itself (contact, free
 * text, location, consent, and the lead's key, which leaves every sealed copy unreadable: the whole
 * document goes), the fingerprint duplicate detection keeps,
 * the entry that finds the lead by its email, and the Idempotency-Key record that produced it.
 * Idempotent, and in this order so that a crash midway leaves what the next attempt needs: the
 * lead, read first, names the other records, and is removed last.
 */
@Component
class ForgettingLeads {

    private final Leads leads;
    private final RecentRequests recent;
    private final IdempotentRequests idempotentRequests;
    private final LeadsByEmail byEmail;
    private final LeadErasures erasures;
    private final Clock clock;

    ForgettingLeads(Leads leads, RecentRequests recent, IdempotentRequests idempotentRequests, LeadsByEmail byEmail,
            LeadErasures erasures, Clock clock) {
        this.leads = leads;
        this.recent = recent;
        this.idempotentRequests = idempotentRequests;
        this.byEmail = byEmail;
        this.erasures = erasures;
        this.clock = clock;
    }

    /** Removes the data unless the erasure says it is gone already; returns the erasure as recorded now. */
    LeadErasure forget(LeadErasure erasure) {
        if (erasure.erasedAt() != null) {
            return erasure;
        }
        Optional<StoredLead> stored = leads.find(erasure.leadId());
        stored.ifPresent(lead -> {
            String email = lead.personal().contact().email();
            recent.forget(LeadFingerprint.of(email, lead.lead().need()), lead.leadId());
            byEmail.remove(EmailKey.of(email), lead.leadId());
        });
        idempotentRequests.forget(erasure.leadId());
        leads.remove(erasure.leadId());
        return erasures.erased(erasure.leadId(), clock.instant());
    }
}
