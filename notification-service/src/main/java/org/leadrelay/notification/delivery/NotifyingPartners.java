package org.leadrelay.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.AnswerTokens;
import org.leadrelay.events.Channel;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadAssignmentExpired;
import org.leadrelay.events.LeadBrief;
import org.leadrelay.events.LeadDeclined;
import org.leadrelay.events.LeadErased;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.NotificationContact;
import org.leadrelay.events.PersonalData;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.notification.messages.Acceptance;
import org.leadrelay.notification.messages.EmailText;
import org.leadrelay.notification.messages.Erasure;
import org.leadrelay.notification.messages.Languages;
import org.leadrelay.notification.messages.LeadOffer;
import org.leadrelay.notification.messages.PartnerBrief;
import org.leadrelay.notification.messages.PartnerEmails;
import org.leadrelay.notification.messages.WebhookPayloads;
import org.leadrelay.notification.messages.Withdrawal;
import org.leadrelay.notification.partners.PartnerContact;
import org.leadrelay.notification.partners.PartnerContacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Decides what partners are told of each assignment event, and schedules it, once per channel:
 * <ul>
 * <li>an offer (LeadAssigned, LeadReassigned) to the offered partner, with its signed answer links;</li>
 * <li>the customer's contact details (LeadAccepted) to the partner that accepted, and nobody else:
 * opened from the lead's sealed data with the key lead-intake gives (ADR 0012), as the customer's
 * words for an offer are; while lead-intake is unavailable the record waits, and once the lead is
 * erased its key is gone and the message goes without the person's data;</li>
 * <li>that the lead moved on (LeadAssignmentExpired; LeadReassigned away from a previous partner) to
 * the partner whose offer is over;</li>
 * <li>nothing on LeadDeclined, but the declined offer's pending deliveries stop, as do an accepted
 * or withdrawn offer's;</li>
 * <li>on LeadErased, every partner told of the lead is asked to delete what it holds of the person
 * (lead.erased), the lead's pending deliveries stop, and nothing more of the lead is sent.</li>
 * </ul>
 * Emails go to every contact of the partner, one message per language (the contact's, else the
 * partner's, else English); webhooks to the partner's endpoint when it has one, enabled and not
 * disabled by a 410.
 */
@Service
public class NotifyingPartners {

    private static final Logger log = LoggerFactory.getLogger(NotifyingPartners.class);

    private final PartnerContacts contacts;
    private final OfferedLeads offers;
    private final DisabledEndpoints disabled;
    private final DeliveringMessages delivering;
    private final PartnerEmails emails;
    private final AnswerTokens tokens;
    private final NotificationProperties properties;
    private final Clock clock;
    private final ErasedLeads erasedLeads;
    private final DeliveryLog deliveries;
    private final SealedLeads sealed;

    NotifyingPartners(PartnerContacts contacts, OfferedLeads offers, DisabledEndpoints disabled, DeliveringMessages delivering,
            PartnerEmails emails, AnswerTokens tokens, NotificationProperties properties, Clock clock, ErasedLeads erasedLeads,
            DeliveryLog deliveries, SealedLeads sealed) {
        this.sealed = sealed;
        this.erasedLeads = erasedLeads;
        this.deliveries = deliveries;
        this.contacts = contacts;
        this.offers = offers;
        this.disabled = disabled;
        this.delivering = delivering;
        this.emails = emails;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    public void on(LeadAssigned assigned) {
        offer(LeadOffer.of(assigned, description(assigned.leadId(), assigned.lead())), assigned.lead());
    }

    public void on(LeadReassigned reassigned) {
        offer(LeadOffer.of(reassigned, description(reassigned.leadId(), reassigned.lead())), reassigned.lead());
        UUID previous = reassigned.previousPartnerId();
        if (previous != null && !previous.equals(reassigned.partnerId())) {
            withdraw(reassigned.leadId(), previous, null, Withdrawal.Reason.of(reassigned.reason()), reassigned.assignedAt());
        }
    }

    public void on(LeadAssignmentExpired expired) {
        withdraw(expired.leadId(), expired.partnerId(), expired.assignmentId(), Withdrawal.Reason.EXPIRED, expired.expiredAt());
    }

    public void on(LeadDeclined declined) {
        stopOffer(declined.assignmentId(), "the partner declined");
    }

    public void on(LeadAccepted accepted) {
        stopOffer(accepted.assignmentId(), "the partner accepted");
        if (erasedLeads.contains(accepted.leadId())) {
            log.info("lead {} accepted by partner {} after its erasure: nothing of the customer is sent", accepted.leadId(),
                    accepted.partnerId());
            afterErasure(accepted.leadId()); // a first try of this record may have scheduled it before it failed
            return;
        }
        Optional<PartnerContact> found = contacts.find(accepted.partnerId());
        if (found.isEmpty()) {
            log.warn("lead {} accepted by partner {}, which is no longer known: its contact details are not sent", accepted.leadId(),
                    accepted.partnerId());
            return;
        }
        PartnerContact partner = found.get();
        // the one place the customer's contact is opened: for the partner that accepted (ADR 0012)
        Optional<PersonalData> personal = sealed.open(accepted.leadId(), accepted.personal());
        String description = personal.map(PersonalData::description).orElse(null);
        Acceptance acceptance = new Acceptance(accepted.leadId(), accepted.assignmentId(), accepted.partnerId(), accepted.acceptedAt(),
                personal.map(PersonalData::contact).orElse(null), offers.find(accepted.leadId(), accepted.partnerId())
                        .map(offered -> PartnerBrief.of(offered.lead(), description)).orElse(null));
        String key = accepted.assignmentId() + ":" + DeliveryKind.ACCEPTANCE.code();
        emailEveryone(key, DeliveryKind.ACCEPTANCE, accepted.leadId(), accepted.assignmentId(), partner, null,
                language -> emails.acceptance(acceptance, partner.name(), partner.zone(), language));
        webhook(key, DeliveryKind.ACCEPTANCE, accepted.leadId(), accepted.assignmentId(), partner, null, WebhookPayloads.ACCEPTED,
                WebhookPayloads.accepted(acceptance));
        afterErasure(accepted.leadId());
    }

    /**
     * The customer behind the lead asked to be erased. The erasure is recorded first, so an offer or
     * an acceptance of the lead read from then on sends nothing; then every pending delivery of the
     * lead stops (an acceptance's carries the contact), what each partner was offered is forgotten,
     * and every partner this service told of the lead (a delivery that may have reached it: anything
     * but one cancelled before its first attempt) is asked to delete what it holds of the person, by
     * email and signed webhook ({@code lead.erased}), delivered and tracked like an offer. Doing it
     * again schedules nothing twice (the deliveries' ids are derived from the lead and the partner).
     *
     * @return what was done, naming no person, for the erasure's report
     */
    public String on(LeadErased erased) {
        erasedLeads.add(erased.leadId(), erased.erasedAt());
        Map<UUID, List<DeliveryLog.Entry>> told = new LinkedHashMap<>();
        java.util.Set<UUID> offered = new java.util.LinkedHashSet<>();
        int stopped = 0;
        for (DeliveryLog.Entry entry : deliveries.ofLead(erased.leadId())) {
            if (entry.partnerId() == null || entry.kind() == DeliveryKind.ERASURE || entry.kind() == DeliveryKind.OPERATOR_ALERT) {
                continue;
            }
            offered.add(entry.partnerId());
            if (entry.state() != DeliveryState.CANCELLED || entry.attempts() > 0) {
                told.computeIfAbsent(entry.partnerId(), partner -> new java.util.ArrayList<>()).add(entry);
            }
            if (entry.state() == DeliveryState.PENDING) {
                delivering.cancel(new DeliveryId(entry.id()), "the lead was erased");
                stopped++;
            }
        }
        offered.forEach(partner -> offers.forget(erased.leadId(), partner));
        int asked = 0;
        for (Map.Entry<UUID, List<DeliveryLog.Entry>> partner : told.entrySet()) {
            if (askToErase(erased, partner.getKey(), partner.getValue())) {
                asked++;
            }
        }
        String summary = stopped + " pending deliveries stopped; " + asked + " partner(s) asked to delete the person's data (lead.erased)"
                + (asked < told.size() ? "; " + (told.size() - asked) + " partner(s) no longer known" : "");
        // the first time's account stands: done again (a redelivery, a late offer) it finds less left to do
        erasedLeads.done(erased.leadId(), summary, clock.instant());
        String first = erasedLeads.find(erased.leadId()).map(ErasedLeads.Erased::summary).orElse(summary);
        log.info("lead {} erased: {}", erased.leadId(), summary);
        return first;
    }

    private boolean askToErase(LeadErased erased, UUID partnerId, List<DeliveryLog.Entry> told) {
        Optional<PartnerContact> found = contacts.find(partnerId);
        if (found.isEmpty()) {
            log.warn("lead {} erased: partner {}, told of it, is no longer known and cannot be asked to delete the data", erased.leadId(),
                    partnerId);
            return false;
        }
        PartnerContact partner = found.get();
        List<UUID> assignments = told.stream().map(DeliveryLog.Entry::assignmentId).filter(java.util.Objects::nonNull).distinct().toList();
        boolean accepted = told.stream().anyMatch(entry -> entry.kind() == DeliveryKind.ACCEPTANCE);
        Erasure erasure = new Erasure(erased.leadId(), partnerId, assignments, accepted, erased.erasedAt());
        UUID latest = assignments.isEmpty() ? null : assignments.get(assignments.size() - 1);
        String key = erased.leadId() + ":" + partnerId + ":" + DeliveryKind.ERASURE.code();
        emailEveryone(key, DeliveryKind.ERASURE, erased.leadId(), latest, partner, null,
                language -> emails.erasure(erasure, partner.name(), partner.zone(), language));
        webhook(key, DeliveryKind.ERASURE, erased.leadId(), latest, partner, null, WebhookPayloads.ERASED, WebhookPayloads.erased(erasure));
        return true;
    }

    /**
     * An offer or acceptance scheduled while the lead's erasure was being done (they run on other
     * consumer threads): the erasure runs again, so that delivery is stopped, or its partner asked
     * to delete what it got.
     */
    private void afterErasure(UUID leadId) {
        erasedLeads.find(leadId).ifPresent(erased -> on(new LeadErased(leadId, erased.erasedAt())));
    }

    /**
     * The customer's own words for an offer, opened from the lead's sealed data; none once the lead
     * is erased (nothing is sent of it then anyway), or when its key is gone.
     */
    private String description(UUID leadId, LeadBrief brief) {
        if (erasedLeads.contains(leadId)) {
            return null;
        }
        return sealed.open(leadId, brief.personal()).map(PersonalData::description).orElse(null);
    }

    private void offer(LeadOffer offer, LeadBrief brief) {
        if (erasedLeads.contains(offer.leadId())) {
            log.info("lead {} offered to partner {} after its erasure: not sent", offer.leadId(), offer.partnerId());
            afterErasure(offer.leadId()); // a first try of this record may have scheduled it before it failed
            return;
        }
        PartnerContact partner = contacts.find(offer.partnerId()).orElseThrow(() -> new PartnerNotKnownYetException(offer.partnerId()));
        offers.remember(new OfferedLeads.Offered(offer.leadId(), offer.partnerId(), offer.assignmentId(), brief, offer.respondBy()));
        String token = tokens.issue(new AnswerTokens.Claims(offer.leadId(), offer.assignmentId(), offer.partnerId(), offer.respondBy()));
        LeadOffer answerable = offer.withAnswer(token, properties.answerBaseUrl());
        String key = offer.assignmentId() + ":" + DeliveryKind.OFFER.code();
        emailEveryone(key, DeliveryKind.OFFER, offer.leadId(), offer.assignmentId(), partner, offer.respondBy(),
                language -> emails.offer(answerable, partner.name(), partner.zone(), language));
        webhook(key, DeliveryKind.OFFER, offer.leadId(), offer.assignmentId(), partner, offer.respondBy(), WebhookPayloads.OFFERED,
                WebhookPayloads.offered(answerable));
        afterErasure(offer.leadId());
    }

    /** Tells a partner its offer is over, when this service told it of that offer. */
    private void withdraw(UUID leadId, UUID partnerId, UUID assignmentId, Withdrawal.Reason reason, Instant at) {
        Optional<OfferedLeads.Offered> offered = offers.find(leadId, partnerId);
        UUID assignment = assignmentId != null ? assignmentId : offered.map(OfferedLeads.Offered::assignmentId).orElse(null);
        if (assignment == null) {
            log.debug("lead {} moved on from partner {}, which this service never told of it", leadId, partnerId);
            return;
        }
        stopOffer(assignment, "the lead moved on");
        Optional<PartnerContact> found = contacts.find(partnerId);
        if (found.isEmpty()) {
            log.info("lead {} moved on from partner {}, which is no longer known", leadId, partnerId);
            return;
        }
        PartnerContact partner = found.get();
        Withdrawal withdrawal = new Withdrawal(leadId, assignment, partnerId, reason, at == null ? clock.instant() : at,
                offered.map(earlier -> PartnerBrief.of(earlier.lead(), null)).orElse(null));
        String key = assignment + ":" + DeliveryKind.WITHDRAWAL.code();
        emailEveryone(key, DeliveryKind.WITHDRAWAL, leadId, assignment, partner, null,
                language -> emails.withdrawal(withdrawal, partner.name(), partner.zone(), language));
        webhook(key, DeliveryKind.WITHDRAWAL, leadId, assignment, partner, null, WebhookPayloads.WITHDRAWN,
                WebhookPayloads.withdrawn(withdrawal));
    }

    /** Stops the pending deliveries of an offer that was answered or moved on. */
    private void stopOffer(UUID assignmentId, String why) {
        String key = assignmentId + ":" + DeliveryKind.OFFER.code();
        delivering.cancel(DeliveryId.webhook(key), why);
        java.util.Set<String> languages = new java.util.TreeSet<>(emails.languages());
        languages.add(Languages.FALLBACK);
        for (String language : languages) {
            delivering.cancel(DeliveryId.email(key, language), why);
        }
    }

    private void emailEveryone(String key, DeliveryKind kind, UUID leadId, UUID assignmentId, PartnerContact partner, Instant notAfter,
            java.util.function.Function<String, EmailText> render) {
        Map<String, List<String>> byLanguage = new LinkedHashMap<>();
        for (NotificationContact contact : partner.contacts()) {
            String language = Languages.choose(contact.language(), partner.languages(), emails.languages());
            List<String> addresses = byLanguage.computeIfAbsent(language, any -> new java.util.ArrayList<>());
            if (!addresses.contains(contact.email())) {
                addresses.add(contact.email());
            }
        }
        Instant now = clock.instant();
        byLanguage.forEach((language, addresses) -> {
            String id = DeliveryId.email(key, language).value();
            EmailText text = render.apply(language);
            delivering.schedule(new DeliveryJob(id, kind, Channel.EMAIL, leadId, assignmentId, partner.id(),
                    "<" + EventIds.derived("email", id) + "@" + properties.mailDomain() + ">", 0, now, notAfter, now, null,
                    new DeliveryJob.Email(addresses, text.subject(), text.text(), text.html(), language), null), "partner:" + partner.id());
        });
    }

    private void webhook(String key, DeliveryKind kind, UUID leadId, UUID assignmentId, PartnerContact partner, Instant notAfter,
            String type, String body) {
        if (!partner.sendsWebhooks()) {
            return;
        }
        if (disabled.isDisabled(partner.id(), partner.webhookUrl())) {
            log.info("no webhook for lead {} to partner {}: its endpoint is disabled after a 410 answer", leadId, partner.id());
            return;
        }
        String id = DeliveryId.webhook(key).value();
        Instant now = clock.instant();
        delivering.schedule(new DeliveryJob(id, kind, Channel.WEBHOOK, leadId, assignmentId, partner.id(),
                "msg_" + EventIds.derived("webhook", id).toString().replace("-", ""), 0, now, notAfter, now, null, null,
                new DeliveryJob.Webhook(type, body)), Origins.of(partner.webhookUrl()));
    }
}
