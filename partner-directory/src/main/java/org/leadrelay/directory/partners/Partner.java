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
import org.leadrelay.kit.domain.RuleBroken;
import org.leadrelay.kit.web.InvalidRequestException;

/**
 * A partner integrator as the directory keeps it: its profile, its status, its secret generation
 * and whether its latest revision has reached the partners topic. Its state on the topic is exactly
 * {@link #toEvent(double)}: the directory is the source of truth, everyone else keeps a copy.
 *
 * <p>Every change is a method named for what happens ({@link #paused}, {@link #resumed},
 * {@link #suspended}, ...): it checks the partner's rules, then returns the next revision, not yet
 * published. {@link ManagingPartners} loads, calls, stores and publishes.
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

    /** A new partner imported from an export, keeping the reason its status was set for. */
    public static Partner imported(UUID id, PartnerProfile profile, PartnerStatus status, String statusReason, Instant now) {
        return new Partner(id, profile, status, statusReason, WebhookSigning.FIRST, 1, now, now, false, false);
    }

    /** An operator replaces the whole profile. */
    public Partner profileReplaced(PartnerProfile changed, Instant now) {
        return next(changed, status, statusReason, signing, now);
    }

    /**
     * Paused: takes no leads until it resumes. A suspended partner cannot be paused (only an
     * operator lifts a suspension), and a partner still onboarding cannot pause itself (it takes no
     * leads yet; an operator may still set it paused).
     */
    public Partner paused(String reason, Actor actor, Instant now) {
        if (status == PartnerStatus.SUSPENDED) {
            throw new RuleBroken("Partner suspended", "a suspended partner cannot be paused; an operator lifts the suspension");
        }
        if (status == PartnerStatus.ONBOARDING && !actor.isOperator()) {
            throw new RuleBroken("Still onboarding", "a partner still onboarding takes no leads yet; an operator activates it");
        }
        return next(profile, PartnerStatus.PAUSED, reason, signing, now);
    }

    /**
     * Active again, taking leads. A partner resumes itself only from a pause; an operator also
     * activates a partner that was onboarding and lifts a suspension this way.
     */
    public Partner resumed(Actor actor, Instant now) {
        if (status != PartnerStatus.PAUSED && !actor.isOperator()) {
            throw new RuleBroken("Not paused", "only a paused partner can resume itself; its status is " + status);
        }
        return next(profile, PartnerStatus.ACTIVE, null, signing, now);
    }

    /** Suspended by an operator: no leads until an operator resumes it; the partner cannot. */
    public Partner suspended(String reason, Actor actor, Instant now) {
        actor.requireOperator();
        return next(profile, PartnerStatus.SUSPENDED, reason, signing, now);
    }

    /** New out-of-office periods; the time zone given is used only when none was set before. */
    public Partner outOfOffice(List<Absence> periods, String timeZone, Instant now) {
        Availability current = profile.availability();
        Availability changed = new Availability(current != null ? current.timeZone() : timeZone,
                current != null ? current.businessHours() : List.of(), periods);
        return next(profile.withAvailability(changed), status, statusReason, signing, now);
    }

    /**
     * New capacity. A partner may set it up to the ceilings the operator set (the current figures
     * when none); an operator may set anything. A weekly figure left out keeps the current one (null
     * would lift the weekly cap).
     */
    public Partner capacity(int capacity, Integer weeklyCapacity, Actor actor, Instant now) {
        if (!actor.isOperator()) {
            requireWithin("/capacity", capacity, profile.maxCapacity() != null ? profile.maxCapacity() : profile.capacity());
            if (weeklyCapacity != null) {
                Integer ceiling = profile.maxWeeklyCapacity() != null ? profile.maxWeeklyCapacity() : profile.weeklyCapacity();
                requireWithin("/weeklyCapacity", weeklyCapacity, ceiling == null ? Integer.MAX_VALUE : ceiling);
            }
        }
        Integer weekly = weeklyCapacity != null ? weeklyCapacity : profile.weeklyCapacity();
        return next(profile.withCapacity(capacity, weekly), status, statusReason, signing, now);
    }

    /** A new webhook secret generation; the previous one keeps signing for {@code overlap}. */
    public Partner secretRotated(Duration overlap, Instant now) {
        return next(profile, status, statusReason, signing.rotated(now, overlap), now);
    }

    /** Deleted by an operator; the record stays until its tombstone is published. */
    public Partner deleted(Actor actor, Instant now) {
        actor.requireOperator();
        return new Partner(id, profile, status, statusReason, signing, revision + 1, createdAt, now, false, true);
    }

    private static void requireWithin(String field, int value, int ceiling) {
        if (value > ceiling) {
            throw new InvalidRequestException(field, "must be at most " + ceiling + ", the limit the operator set");
        }
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
