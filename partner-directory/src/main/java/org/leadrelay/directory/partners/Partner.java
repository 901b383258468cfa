package org.leadrelay.directory.partners;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.leadrelay.events.Absence;
import org.leadrelay.events.Availability;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.SigningKey;

/**
 * A partner integrator as the directory keeps it: its profile, its status, its secret generation
 * and whether its latest revision has reached the partners topic. Its state on the topic is exactly
 * {@link #toEvent(double)}: the directory is the source of truth, everyone else keeps a copy.
 *
 * @param published   whether the partners topic has this revision (or, once deleted, the tombstone)
 * @param deleted     deleted by an operator; the record stays until its tombstone is published
 */
public record Partner(
        UUID id,
        PartnerProfile profile,
        PartnerStatus status,
        String statusReason,
        WebhookSigning signing,
        long revision,
        Instant createdAt,
        Instant updatedAt,
        boolean published,
        boolean deleted) {

    /** A new partner, at its first revision, not yet published. */
    public static Partner registered(UUID id, PartnerProfile profile, PartnerStatus status, Instant now) {
        return new Partner(id, profile, status, null, WebhookSigning.FIRST, 1, now, now, false, false);
    }

    public Partner withProfile(PartnerProfile changed, Instant now) {
        return next(changed, status, statusReason, signing, now);
    }

    public Partner withStatus(PartnerStatus changed, String reason, Instant now) {
        return next(profile, changed, reason, signing, now);
    }

    public Partner withSigning(WebhookSigning changed, Instant now) {
        return next(profile, status, statusReason, changed, now);
    }

    public Partner deletedAt(Instant now) {
        return new Partner(id, profile, status, statusReason, signing, revision + 1, createdAt, now, false, true);
    }

    private Partner next(PartnerProfile changedProfile, PartnerStatus changedStatus, String reason, WebhookSigning changedSigning,
            Instant now) {
        return new Partner(id, changedProfile, changedStatus, reason, changedSigning, revision + 1, createdAt, now, false, false);
    }

    /** The partner's full state for the partners topic; never a secret, only the generations that sign. */
    public PartnerUpserted toEvent(double tierWeight) {
        PartnerProfile p = profile;
        List<String> terms = p.expertise().stream().map(Expertise::term).distinct().toList();
        Instant now = updatedAt;
        List<SigningKey> keys = new ArrayList<>();
        keys.add(new SigningKey(signing.generation(), null));
        if (signing.previousGeneration() != null && signing.previousValidUntil() != null
                && now.isBefore(signing.previousValidUntil())) {
            keys.add(new SigningKey(signing.previousGeneration(), signing.previousValidUntil()));
        }
        Availability availability = p.availability();
        return new PartnerUpserted(id, p.name(), p.tier().name(), p.countries(), terms, p.languages(), p.capacity(),
                p.contacts().get(0).email(), p.webhookUrl(), status == PartnerStatus.ACTIVE, revision, updatedAt, status.name(),
                statusReason, p.routingWeight() == null ? tierWeight : p.routingWeight(), p.expertise(), p.regions(),
                p.serviceAreas(), p.remoteServices(), p.weeklyCapacity(), availability, p.answerDeadline(), p.contacts(),
                p.webhookUrl() != null && p.webhookEnabled(), keys, p.legalName(), p.website());
    }

    /** The out-of-office periods, none when the partner has no availability set. */
    public List<Absence> outOfOffice() {
        return profile.availability() == null ? List.of() : profile.availability().outOfOffice();
    }

    /** How long a partner has to answer an offer, when it differs from the router's default. */
    public Duration answerDeadline() {
        return profile.answerDeadline();
    }

    /** The webhook endpoint, if any. */
    public URI webhookUrl() {
        return profile.webhookUrl();
    }
}
