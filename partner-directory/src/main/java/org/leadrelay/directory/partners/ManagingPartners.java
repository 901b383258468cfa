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
import org.leadrelay.events.Availability;
import org.leadrelay.events.WebhookSecrets;
import org.leadrelay.kit.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
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
        requireOperator(actor);
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
        requireOperator(actor);
        Instant now = now();
        List<Partner> added = given.stream().map(partner -> {
            Partner registered = Partner.registered(partner.id() == null ? UUID.randomUUID() : partner.id(), partner.profile(),
                    partner.status(), now);
            return partner.statusReason() == null ? registered
                    : new Partner(registered.id(), registered.profile(), registered.status(), partner.statusReason(), registered.signing(),
                            registered.revision(), now, now, false, false);
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

    public Partner find(UUID id, Actor actor) {
        return partners.find(id).filter(partner -> actor.sees(id)).orElseThrow(() -> notFound(id));
    }

    /** A partner's change history, newest first; operators can still read a deleted partner's. */
    public List<AuditEntry> history(UUID id, Actor actor, int limit) {
        if (!actor.isOperator()) {
            find(id, actor);
            requireOperator(actor);
        }
        List<AuditEntry> entries = audit.of(id, limit);
        if (entries.isEmpty()) {
            throw notFound(id);
        }
        return entries;
    }

    /** Replaces the partner's profile; {@code expectedRevision} is the revision the operator last read (If-Match). */
    public Partner update(UUID id, long expectedRevision, PartnerProfile profile, Actor actor) {
        find(id, actor);
        requireOperator(actor);
        return change(id, actor, expectedRevision, "updated", partner -> partner.withProfile(profile, now()));
    }

    public Partner pause(UUID id, String reason, Long expectedRevision, Actor actor) {
        return change(id, actor, expectedRevision, "paused", partner -> {
            if (partner.status() == PartnerStatus.SUSPENDED) {
                throw new ProblemException(HttpStatus.CONFLICT, "Partner suspended", "a suspended partner cannot be paused; an operator lifts the suspension");
            }
            if (partner.status() == PartnerStatus.ONBOARDING && !actor.isOperator()) {
                throw new ProblemException(HttpStatus.CONFLICT, "Still onboarding", "a partner still onboarding takes no leads yet; an operator activates it");
            }
            return partner.withStatus(PartnerStatus.PAUSED, reason, now());
        });
    }

    public Partner resume(UUID id, Long expectedRevision, Actor actor) {
        return change(id, actor, expectedRevision, "resumed", partner -> {
            if (partner.status() != PartnerStatus.PAUSED && !actor.isOperator()) {
                throw new ProblemException(HttpStatus.CONFLICT, "Not paused", "only a paused partner can resume itself; its status is " + partner.status());
            }
            return partner.withStatus(PartnerStatus.ACTIVE, null, now());
        });
    }

    public Partner suspend(UUID id, String reason, Long expectedRevision, Actor actor) {
        find(id, actor);
        requireOperator(actor);
        return change(id, actor, expectedRevision, "suspended", partner -> partner.withStatus(PartnerStatus.SUSPENDED, reason, now()));
    }

    public Partner setOutOfOffice(UUID id, List<Absence> periods, String timeZone, Actor actor) {
        return change(id, actor, null, "out-of-office", partner -> {
            Availability current = partner.profile().availability();
            Availability changed = new Availability(current != null ? current.timeZone() : timeZone,
                    current != null ? current.businessHours() : List.of(), periods);
            return partner.withProfile(partner.profile().withAvailability(changed), now());
        });
    }

    public Partner setCapacity(UUID id, int capacity, Integer weeklyCapacity, Actor actor) {
        return change(id, actor, null, "capacity", partner -> {
            PartnerProfile profile = partner.profile();
            if (!actor.isOperator()) {
                requireWithin("/capacity", capacity, profile.maxCapacity() != null ? profile.maxCapacity() : profile.capacity());
                if (weeklyCapacity != null) {
                    Integer ceiling = profile.maxWeeklyCapacity() != null ? profile.maxWeeklyCapacity() : profile.weeklyCapacity();
                    requireWithin("/weeklyCapacity", weeklyCapacity, ceiling == null ? Integer.MAX_VALUE : ceiling);
                }
            }
            // a weekly figure left out keeps the current one (null would lift the weekly cap)
            Integer weekly = weeklyCapacity != null ? weeklyCapacity : profile.weeklyCapacity();
            return partner.withProfile(profile.withCapacity(capacity, weekly), now());
        });
    }

    /** A new webhook secret; the previous one keeps signing for the configured overlap. */
    public RotatedSecret rotateSecret(UUID id, Actor actor) {
        Duration overlap = properties.secretOverlap();
        Partner rotated = change(id, actor, null, "webhook-secret-rotated",
                partner -> partner.withSigning(partner.signing().rotated(now(), overlap), now()));
        return new RotatedSecret(secrets.secret(id, rotated.signing().generation()), rotated.signing().previousValidUntil());
    }

    /** A new self-service key for the partner; the previous one stops working at once. */
    public String issueKey(UUID id, Actor actor) {
        Partner partner = find(id, actor);
        requireOperator(actor);
        String key = keys.issue(id);
        audit.record(new AuditEntry(UUID.randomUUID(), id, partner.revision(), now(), actor.name(), "key-issued", List.of()));
        return key;
    }

    public void delete(UUID id, Long expectedRevision, Actor actor) {
        find(id, actor);
        requireOperator(actor);
        Partner deleted = change(id, actor, expectedRevision, "deleted", partner -> partner.deletedAt(now()));
        credentials.remove(id);
        log.info("partner {} deleted at revision {}", id, deleted.revision());
    }

    private Partner change(UUID id, Actor actor, Long expectedRevision, String action, UnaryOperator<Partner> changing) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Partner current = find(id, actor);
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
        throw new ProblemException(HttpStatus.CONFLICT, "Busy", "the partner kept changing; try again");
    }

    /** Now, to the millisecond, as MongoDB stores it, so what is answered equals what is stored and published. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private AuditEntry entry(Partner partner, Actor actor, String action, Partner before, Partner after) {
        return new AuditEntry(UUID.randomUUID(), partner.id(), partner.revision(), now(), actor.name(), action,
                changes.between(before == null ? null : Audited.of(before), after == null ? null : Audited.of(after)));
    }

    private static void requireWithin(String field, int value, int ceiling) {
        if (value > ceiling) {
            throw new org.leadrelay.kit.web.InvalidRequestException(field, "must be at most " + ceiling + ", the limit the operator set");
        }
    }

    private static void requireOperator(Actor actor) {
        if (!actor.isOperator()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Forbidden", "only operators may do this");
        }
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "Not found", "no partner " + id);
    }

    private static ProblemException stale(Partner current) {
        return new ProblemException(HttpStatus.PRECONDITION_FAILED, "Stale revision",
                "the partner changed since you read it; it is at revision " + current.revision() + " now");
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
