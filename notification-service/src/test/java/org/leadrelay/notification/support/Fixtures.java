package org.leadrelay.notification.support;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.leadrelay.events.Availability;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadAssignmentExpired;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.events.NotificationContact;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Score;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.events.SigningKey;
import org.leadrelay.testing.LeadKeyServer;

/** Partners and leads as the other services publish them. */
public final class Fixtures {

    public static final Contact CUSTOMER = new Contact("Camille Martin", "camille.martin@example.fr", "+33400000000", "Brasserie du Rhône");

    private Fixtures() {
    }

    /** A partner in Lyon, in Paris time, with one contact and, when given, a webhook endpoint. */
    public static PartnerUpserted partner(String email, String contactLanguage, URI webhook) {
        return partner(List.of(new NotificationContact(email, contactLanguage)), List.of("fr"), webhook, null, null);
    }

    public static PartnerUpserted partner(List<NotificationContact> contacts, List<String> languages, URI webhook, Boolean webhookEnabled,
            List<SigningKey> signingKeys) {
        return new PartnerUpserted(UUID.randomUUID(), "Lyon Open Source", "GOLD", List.of("FR"), List.of("postgresql"), languages, 5,
                contacts.get(0).email(), webhook, true, 1, Instant.now(), "ACTIVE", null, null, null, null, null, null, null,
                new Availability("Europe/Paris", List.of(), List.of()), null, contacts, webhookEnabled, signingKeys, null, null);
    }

    /** The customer's own words, sealed with the contact. */
    public static final String WORDS = "Move 3 Oracle schemas";

    /** A lead as lead-intake publishes it: its personal data sealed under a key the tests' key server serves. */
    public static LeadReceived lead() {
        UUID leadId = UUID.randomUUID();
        return new LeadReceived(leadId, LeadKeyServer.seal(leadId, CUSTOMER, WORDS), new Need(List.of("postgresql"), List.of("migration"), null),
                new Location("FR", null, "Lyon", null, null), "fr", 120, new Consent("partner-contact-v1", Instant.now()), "website-form",
                Instant.now());
    }

    public static Score score() {
        return Score.of(List.of(new ScoreComponent("speciality", 60, "covers 2 of 2"), new ScoreComponent("language", 15, "serves in fr"),
                new ScoreComponent("tier", 15, "GOLD partner")));
    }

    public static LeadAssigned assigned(UUID partnerId) {
        return assigned(lead(), partnerId, Instant.now(), Duration.ofHours(4));
    }

    public static LeadAssigned assigned(LeadReceived lead, UUID partnerId, Instant at, Duration toAnswer) {
        return new LeadAssigned(lead.leadId(), UUID.randomUUID(), partnerId, "Lyon Open Source", 1, score(), List.of(), List.of(),
                lead.brief(), at, at.plus(toAnswer));
    }

    public static LeadReassigned reassigned(LeadReceived lead, UUID partnerId, UUID previousPartnerId, String reason) {
        Instant now = Instant.now();
        return new LeadReassigned(lead.leadId(), UUID.randomUUID(), partnerId, "Rhône Data", previousPartnerId, reason, 2, score(),
                List.of(), List.of(), lead.brief(), now, now.plus(Duration.ofHours(4)));
    }

    public static LeadAssignmentExpired expired(LeadAssigned assigned) {
        return new LeadAssignmentExpired(assigned.leadId(), assigned.assignmentId(), assigned.partnerId(), assigned.respondBy(), Instant.now());
    }

    public static LeadAccepted accepted(LeadAssigned assigned) {
        return new LeadAccepted(assigned.leadId(), assigned.assignmentId(), assigned.partnerId(), Instant.now(), assigned.lead().personal());
    }
}
