package org.leadrelay.directory.partners;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.leadrelay.directory.audit.AuditEntry;
import org.leadrelay.directory.audit.AuditLog;
import org.leadrelay.directory.audit.Changes;
import org.leadrelay.events.Absence;
import org.leadrelay.events.PartnerId;
import org.leadrelay.events.WebhookSecrets;
import org.leadrelay.kit.domain.NotFound;
import org.leadrelay.kit.domain.RuleBroken;
import org.leadrelay.kit.domain.StaleRevision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Every change to a partner: each is one conditional write of the partner's next revision, an
 * audit entry saying who changed what, and the new state published to the partners topic.
 * Operators may do anything; a partner may read itself, pause and resume itself (not lift a
 * suspension), set its out-of-office periods, change its capacity within the limits the operator
 * set, and rotate its webhook secret. A partner asking about another partner is told it does not
 * exist.
 */
@Service
public class ManagingPartners {

    private static final Logger log = LoggerFactory.getLogger(ManagingPartners.class);
    private static final int ATTEMPTS = 5;

    private final Partners partners;
    private final AuditLog audit;
    private final Changes changes;
    private final PublishingPartners publishing;
    private final PartnerKeys keys;
    private final PartnerCredentials credentials;
    private final WebhookSecrets secrets;
    private final DirectoryProperties properties;
    private final Clock clock;

    ManagingPartners(Partners partners, AuditLog audit, Changes changes, PublishingPartners publishing, PartnerKeys keys,
            PartnerCredentials credentials, WebhookSecrets secrets, DirectoryProperties properties, Clock clock) {
        this.partners = partners;
        this.audit = audit;
        this.changes = changes;
        this.publishing = publishing;
        this.keys = keys;
        this.credentials = credentials;
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
    }

    /** Registers a partner; its webhook secret and self-service key are in the answer, this once. */
    public Registered register(PartnerProfile profile, PartnerStatus status, Actor actor) {
        actor.requireOperator();
        Partner partner = Partner.registered(UUID.randomUUID(), profile, status, now());
        publishing.willPublish(partner);
        partners.add(partner);
        audit.record(entry(partner, actor, "created", null, partner));
        publishing.publish(partner.id());
        log.info("partner {} registered, tier {}, status {}", partner.id(), profile.tier(), status);
        return new Registered(partner, secrets.secret(partner.id(), partner.signing().generation()), keys.issue(partner.id()));
    }

    /**
     * Registers many partners at once, as an import does: one bulk write, one bulk audit, then the
     * relay publishes them in batches. No keys are issued (operators issue them one by one).
     */
    public List<Partner> registerAll(List<NewPartner> given, Actor actor) {
        actor.requireOperator();
        Instant now = now();
        List<Partner> added = given.stream().map(partner -> {
            return Partner.imported(partner.id() == null ? UUID.randomUUID() : partner.id(), partner.profile(), partner.status(),
                    partner.statusReason(), now);
        }).toList();
        publishing.willPublishAll(added);
        partners.addAll(added);
        audit.recordAll(added.stream().map(partner -> entry(partner, actor, "imported", null, partner)).toList());
        publishing.sweep();
        log.info("{} partners imported", added.size());
        return added;
    }

    /** Which of the given ids already belong to a partner. */
    public java.util.Set<UUID> taken(java.util.Collection<UUID> ids) {
        return ids.isEmpty() ? java.util.Set.of() : partners.existing(ids);
    }

    public Partner find(PartnerId partnerId, Actor actor) {
        return visible(partnerId.value(), actor);
    }

    /** A partner's change history, newest first; operators can still read a deleted partner's. */
    public List<AuditEntry> history(PartnerId partnerId, Actor actor, int limit) {
        UUID id = partnerId.value();
        if (!actor.isOperator()) {
            visible(id, actor);
            actor.requireOperator();
        }
        List<AuditEntry> entries = audit.of(id, limit);
        if (entries.isEmpty()) {
            throw notFound(id);
        }
        return entries;
    }

    /** Replaces the partner's profile; {@code expectedRevision} is the revision the operator last read (If-Match). */
    public Partner update(PartnerId partnerId, long expectedRevision, PartnerProfile profile, Actor actor) {
        UUID id = partnerId.value();
        visible(id, actor);
        actor.requireOperator();
        return change(id, actor, expectedRevision, "updated", partner -> partner.profileReplaced(profile, now()));
    }

    public Partner pause(PartnerId partnerId, String reason, Long expectedRevision, Actor actor) {
        UUID id = partnerId.value();
        return change(id, actor, expectedRevision, "paused", partner -> partner.paused(reason, actor, now()));
    }

    public Partner resume(PartnerId partnerId, Long expectedRevision, Actor actor) {
        UUID id = partnerId.value();
        return change(id, actor, expectedRevision, "resumed", partner -> partner.resumed(actor, now()));
    }

    public Partner suspend(PartnerId partnerId, String reason, Long expectedRevision, Actor actor) {
        UUID id = partnerId.value();
        visible(id, actor);
        actor.requireOperator(); // 403 before a stale If-Match is looked at, as before
        return change(id, actor, expectedRevision, "suspended", partner -> partner.suspended(reason, actor, now()));
    }

    public Partner setOutOfOffice(PartnerId partnerId, List<Absence> periods, String timeZone, Actor actor) {
        UUID id = partnerId.value();
        return change(id, actor, null, "out-of-office", partner -> partner.outOfOffice(periods, timeZone, now()));
    }

    public Partner setCapacity(PartnerId partnerId, int capacity, Integer weeklyCapacity, Actor actor) {
        UUID id = partnerId.value();
        return change(id, actor, null, "capacity", partner -> partner.capacity(capacity, weeklyCapacity, actor, now()));
    }

    /** A new webhook secret; the previous one keeps signing for the configured overlap. */
    public RotatedSecret rotateSecret(PartnerId partnerId, Actor actor) {
        UUID id = partnerId.value();
        Duration overlap = properties.secretOverlap();
        Partner rotated = change(id, actor, null, "webhook-secret-rotated",
                partner -> partner.secretRotated(overlap, now()));
        return new RotatedSecret(secrets.secret(id, rotated.signing().generation()), rotated.signing().previousValidUntil());
    }

    /** A new self-service key for the partner; the previous one stops working at once. */
    public String issueKey(PartnerId partnerId, Actor actor) {
        UUID id = partnerId.value();
        Partner partner = visible(id, actor);
        actor.requireOperator();
        String key = keys.issue(id);
        audit.record(new AuditEntry(UUID.randomUUID(), id, partner.revision(), now(), actor.name(), "key-issued", List.of()));
        return key;
    }

    public void delete(PartnerId partnerId, Long expectedRevision, Actor actor) {
        UUID id = partnerId.value();
        visible(id, actor);
        actor.requireOperator(); // 403 before a stale If-Match is looked at, as before
        Partner deleted = change(id, actor, expectedRevision, "deleted", partner -> partner.deleted(actor, now()));
        credentials.remove(id);
        log.info("partner {} deleted at revision {}", id, deleted.revision());
    }

    /** The partner, if this actor may see it; else "not found", as for an id that does not exist. */
    private Partner visible(UUID id, Actor actor) {
        return partners.find(id).filter(partner -> actor.sees(id)).orElseThrow(() -> notFound(id));
    }

    private Partner change(UUID id, Actor actor, Long expectedRevision, String action, UnaryOperator<Partner> changing) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Partner current = visible(id, actor);
            if (expectedRevision != null && current.revision() != expectedRevision) {
                throw stale(current);
            }
            Partner next = changing.apply(current);
            publishing.willPublish(next);
            if (partners.replace(next)) {
                audit.record(entry(next, actor, action, current, next.deleted() ? null : next));
                publishing.publish(id);
                return next;
            }
            if (expectedRevision != null) {
                throw stale(partners.find(id).orElse(current));
            }
        }
        throw new RuleBroken("Busy", "the partner kept changing; try again");
    }

    /** Now, to the millisecond, as MongoDB stores it, so what is answered equals what is stored and published. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private AuditEntry entry(Partner partner, Actor actor, String action, Partner before, Partner after) {
        return new AuditEntry(UUID.randomUUID(), partner.id(), partner.revision(), now(), actor.name(), action,
                changes.between(before == null ? null : Audited.of(before), after == null ? null : Audited.of(after)));
    }

    private static NotFound notFound(UUID id) {
        return new NotFound("no partner " + id);
    }

    private static StaleRevision stale(Partner current) {
        return new StaleRevision("the partner changed since you read it; it is at revision " + current.revision() + " now");
    }

    /** What the audit log compares: the profile's fields, the status and the secret generation, as the API shows them. */
    record Audited(@JsonUnwrapped PartnerProfile profile, PartnerStatus status, String statusReason, int webhookSecretGeneration) {

        static Audited of(Partner partner) {
            return new Audited(partner.profile(), partner.status(), partner.statusReason(), partner.signing().generation());
        }
    }

    /** A partner to import: its id when it keeps one from an export, else null. */
    public record NewPartner(UUID id, PartnerProfile profile, PartnerStatus status, String statusReason) {
    }

    /** A registered partner, its webhook signing secret and its self-service key, shown this once. */
    public record Registered(Partner partner, String webhookSecret, String apiKey) {
    }

    /** A rotated webhook secret, and until when the previous one still signs (null when it stopped at once). */
    public record RotatedSecret(String webhookSecret, Instant previousValidUntil) {
    }
}
