package org.leadrelay.intake.leads;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.LeadId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Erases leads on an operator's request, named by lead id or by the person's email (then every lead
 * intake holds with that contact email). For each lead: the lead is marked for the relay, its
 * erasure recorded, the person's data removed from intake's database before the answer, and
 * {@code LeadErased} published right after it, or by the relay's sweeper after a broker outage or
 * a crash. A lead erased before is not erased again: its first erasure is the answer, and nothing
 * is published anew.
 *
 * <p>A lead whose {@code LeadReceived} was not yet published when its erasure came is never
 * published: the relay sends {@code LeadErased} instead, so its contact never leaves intake.
 */
@Service
public class ErasingLeads {

    private static final Logger log = LoggerFactory.getLogger(ErasingLeads.class);
    /** Who asks for the erasures of leads past their retention, in their records. */
    static final String RETENTION_ACCOUNT = "lead-intake retention";

    private final Leads leads;
    private final LeadErasures erasures;
    private final LeadsByEmail byEmail;
    private final ForgettingLeads forgetting;
    private final PublishingLeads publishing;
    private final Clock clock;
    private final MeterRegistry meters;

    ErasingLeads(Leads leads, LeadErasures erasures, LeadsByEmail byEmail, ForgettingLeads forgetting, PublishingLeads publishing,
            Clock clock, MeterRegistry meters) {
        this.leads = leads;
        this.erasures = erasures;
        this.byEmail = byEmail;
        this.forgetting = forgetting;
        this.publishing = publishing;
        this.clock = clock;
        this.meters = meters;
        for (LeadErasure.RequestedAs how : LeadErasure.RequestedAs.values()) {
            for (LeadErasure.Reason reason : LeadErasure.Reason.values()) {
                meters.counter("leadrelay.intake.erasures", "requested-as", how.label(), "reason", reason.label());
            }
        }
    }

    /**
     * Erases the lead, or finds its earlier erasure.
     *
     * @return empty when intake never had this lead
     */
    public Optional<LeadErasure> eraseLead(LeadId lead, LeadErasure.Reason reason, String operator) {
        UUID leadId = lead.value();
        Optional<LeadErasure> earlier = erasures.ofLead(leadId);
        if (earlier.isPresent()) {
            log.info("lead {} was erased before (erasure {}): nothing to do", leadId, earlier.get().erasureId());
            return earlier;
        }
        if (leads.find(leadId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(erase(leadId, LeadErasure.RequestedAs.LEAD_ID, reason, operator));
    }

    /**
     * Erases a lead whose retention has run out, as an operator's erasure would (everywhere, with
     * {@code LeadErased}); a lead erased before, or never stored, is left as it is.
     */
    void eraseExpired(UUID leadId) {
        if (erasures.ofLead(leadId).isEmpty() && leads.find(leadId).isPresent()) {
            erase(leadId, LeadErasure.RequestedAs.LEAD_ID, LeadErasure.Reason.RETENTION, RETENTION_ACCOUNT);
        }
    }

    /**
     * Erases every lead intake holds with this contact email (normalised as contact emails are, in
     * any case). Leads erased before are no longer found by their email: an address intake holds no
     * lead of gives an empty list.
     */
    public List<LeadErasure> erasePerson(String email, LeadErasure.Reason reason, String operator) {
        List<LeadErasure> covered = new ArrayList<>();
        for (UUID leadId : byEmail.find(EmailKey.of(email))) {
            Optional<LeadErasure> earlier = erasures.ofLead(leadId);
            if (earlier.isPresent()) {
                covered.add(earlier.get()); // being erased by another request right now
            } else if (leads.find(leadId).isPresent()) {
                covered.add(erase(leadId, LeadErasure.RequestedAs.EMAIL, reason, operator));
            }
            // else: listed by a request that failed before storing its lead; nothing of it is stored
        }
        return covered;
    }

    public Optional<LeadErasure> find(UUID erasureId) {
        return erasures.find(erasureId);
    }

    private LeadErasure erase(UUID leadId, LeadErasure.RequestedAs how, LeadErasure.Reason reason, String operator) {
        // marked first: whatever happens next, the relay's sweeper finishes the erasure
        publishing.willPublishErasure(leadId);
        LeadErasure requested = LeadErasure.requested(leadId, how, reason, operator, clock.instant());
        if (!erasures.add(requested)) {
            return erasures.ofLead(leadId).orElseThrow(); // a concurrent request erases it
        }
        LeadErasure erased = forgetting.forget(requested);
        meters.counter("leadrelay.intake.erasures", "requested-as", how.label(), "reason", reason.label()).increment();
        log.info("lead {} erased (erasure {}, {}); LeadErased follows", leadId, erased.erasureId(), reason.label());
        publishing.publishErasureSoon(leadId);
        return erased;
    }
}
