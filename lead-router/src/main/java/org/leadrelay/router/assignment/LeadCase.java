package org.leadrelay.router.assignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.leadrelay.events.AssignmentEvent;
import org.leadrelay.events.ExpectedShares;
import org.leadrelay.events.Fallback;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadAssignmentExpired;
import org.leadrelay.events.LeadDeclined;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.LeadUnroutable;
import org.leadrelay.events.PassedOver;
import org.leadrelay.events.Score;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.kit.outbox.EventIds;

/**
 * Everything the router knows and decided about one lead: the lead itself, every offer made for
 * it in order, where it stands, and the events its last changes caused that still wait for the
 * broker. It is stored as one document and every change is one conditional write on its version,
 * so two instances (or a deadline and an answer) racing on a lead cannot both win, and an event is
 * recorded in the same write as the change that caused it.
 * <p>
 * Its rules are its own: each change is a method named for what happened ({@link #accepted},
 * {@link #declined}, {@link #expired}, {@link #offered}, {@link #assignedByHand},
 * {@link #queuedAsUnroutable}, {@link #erased}) that refuses what the lead's state does not allow
 * and returns the {@link Change}: the next version with the events it causes. What needs the
 * database or the partner replica (the routing decision, the capacity reservation) is decided
 * before, by {@link ManagingAssignments}, and handed in as plain values.
 *
 * @param lead    the lead as received, its personal data sealed (ADR 0012: the router never opens it, and passes it on
 *                in offers and in the acceptance); once the lead is erased, without even the sealed data; null when the lead was erased before it was received here
 * @param reason  why the lead is unroutable, when it is
 * @param pending events recorded with the changes and not yet acknowledged by the broker, oldest first
 */
public record LeadCase(UUID leadId, LeadReceived lead, State state, List<Attempt> attempts, String reason, Instant updatedAt,
        long version, List<PendingEvent> pending) {

    /** Who made an offer: the router, counting toward the attempt limit. */
    public static final String ROUTER = "router";
    /** Who made the first offer after an operator reopened the lead: the router, with a fresh attempt budget. */
    public static final String REOPEN = "reopen";
    /**
     * The name a {@code LeadUnroutable}'s id is derived under, with the lead and the version its change
     * started from ("unroutable" before version numbers started at 1, whose ids a reopened old case could
     * otherwise derive again).
     */
    static final String UNROUTABLE_FROM = "unroutable-from";
    static final String ERASED_OFFER = "this lead was erased at the customer's request: the offer is closed";
    /** Why an erased lead's case says it is erased, and why an offer waiting then was withdrawn. */
    static final String ERASED_REASON = "erased at the customer's request";
    /** How many partners passed over a {@code LeadUnroutable} names (its counts cover them all). */
    private static final int PASSED_OVER_NAMED = 20;

    public LeadCase {
        attempts = List.copyOf(attempts);
        pending = List.copyOf(pending);
    }

    /** Where a lead stands. */
    public enum State {
        /** Offered to a partner, waiting for its answer. */
        OFFERED,
        /** A partner accepted it. */
        ACCEPTED,
        /** Nobody could take it, or everybody tried declined or stayed silent: it waits in the operators' queue. */
        UNROUTABLE,
        /** The customer asked to be forgotten: the person's data is gone and the lead is never offered again. */
        ERASED
    }

    /** What became of one offer. */
    public enum Outcome {
        PENDING, ACCEPTED, DECLINED, EXPIRED, WITHDRAWN
    }

    /**
     * One offer of the lead to one partner.
     *
     * @param event      the LeadAssigned or LeadReassigned that made the offer, with its explanation
     * @param assignedBy {@code router}, or the operator who assigned it by hand
     * @param reason     why a partner declined, or why the offer was withdrawn
     */
    public record Attempt(int number, UUID assignmentId, UUID partnerId, String partnerName, Instant offeredAt, Instant respondBy,
            Outcome outcome, String reason, Instant answeredAt, String assignedBy, AssignmentEvent event) {

        public Attempt settled(Outcome settled, String why, Instant at) {
            return new Attempt(number, assignmentId, partnerId, partnerName, offeredAt, respondBy, settled, why, at, assignedBy, event);
        }

        /** The attempt with the person erased from its event (the customer's words in the offer's brief). */
        Attempt erased() {
            return new Attempt(number, assignmentId, partnerId, partnerName, offeredAt, respondBy, outcome, reason, answeredAt, assignedBy,
                    event.erased());
        }
    }

    /** An event recorded with a change, waiting for the broker. */
    public record PendingEvent(UUID id, AssignmentEvent event) {
    }

    /** Why a lead went to the operators' queue; its {@code category} names it where it is counted. */
    public enum Unroutable {
        NOBODY_ELIGIBLE("nobody-eligible"), CAPACITY_TAKEN("capacity-taken"), ATTEMPTS_EXHAUSTED("attempts-exhausted");

        private final String category;

        Unroutable(String category) {
            this.category = category;
        }

        public String category() {
            return category;
        }
    }

    /**
     * An offer decided outside the case (by the routing policy over this instance's replica), the
     * partner's place already reserved: what the case records of it and tells the partner.
     */
    public record Offer(UUID partnerId, String partnerName, Instant respondBy, Score score, List<Fallback> fallbacks,
            List<PassedOver> passedOver, Map<String, Integer> passedOverCounts, ExpectedShares expectedShares) {
    }

    /**
     * One change of the case, not yet stored: its next version (whose {@code pending} holds the
     * events it caused after those still waiting), the events it caused, the offers it settled
     * (accepted, declined, expired or withdrawn) and the offer it made, and why it queued the lead
     * when it did. What a stored change brings about (a partner's place given back, its record, the
     * timers) and what it counts are read from it.
     *
     * @param offered    the new offer, or null
     * @param unroutable why the lead went to the operators' queue, or null
     */
    public record Change(LeadCase next, List<PendingEvent> events, List<Attempt> settled, Attempt offered, Unroutable unroutable) {

        public Change {
            events = List.copyOf(events);
            settled = List.copyOf(settled);
        }

        public Optional<Attempt> offer() {
            return Optional.ofNullable(offered);
        }

        /**
         * This change and the one {@code following} makes on its result, as one change: one next
         * version with the events of both (an offer declined and the lead offered on are one
         * write). {@code following} sees the result at the version this change started from, so
         * what it derives from the version (a {@code LeadUnroutable}'s id) is the stored change's
         * own.
         */
        public Change then(Function<LeadCase, Change> following) {
            Change after = following.apply(new LeadCase(next.leadId(), next.lead(), next.state(), next.attempts(), next.reason(),
                    next.updatedAt(), next.version() - 1, next.pending()));
            List<PendingEvent> caused = new ArrayList<>(events);
            caused.addAll(after.events());
            List<Attempt> closed = new ArrayList<>(settled);
            closed.addAll(after.settled());
            return new Change(after.next(), caused, closed, after.offered(), after.unroutable());
        }
    }

    /** The lead as received, before anything was decided: never stored itself, its first change is (version 1). */
    public static LeadCase opened(LeadReceived lead, Instant now) {
        return new LeadCase(lead.leadId(), lead, State.OFFERED, List.of(), null, now, 0, List.of());
    }

    /**
     * A case for a lead erased before this service received it: it holds nothing of the lead, and
     * the lead's {@code LeadReceived}, should it come later, finds it and is not routed.
     */
    public static Change erasedUnseen(UUID leadId, Instant now) {
        return new Change(new LeadCase(leadId, null, State.ERASED, List.of(), ERASED_REASON, now, 0, List.of()), List.of(), List.of(), null,
                null);
    }

    /** The offer waiting for an answer, if any. */
    public Optional<Attempt> current() {
        return attempts.stream().filter(attempt -> attempt.outcome() == Outcome.PENDING).findFirst();
    }

    public Optional<Attempt> attempt(UUID assignmentId) {
        return attempts.stream().filter(attempt -> attempt.assignmentId().equals(assignmentId)).findFirst();
    }

    /** Partners that had the lead and may not get it again, with why (declined, expired). */
    public Map<UUID, String> tried() {
        Map<UUID, String> tried = new LinkedHashMap<>();
        for (Attempt attempt : attempts) {
            if (attempt.outcome() == Outcome.DECLINED || attempt.outcome() == Outcome.EXPIRED) {
                tried.put(attempt.partnerId(), attempt.outcome().name().toLowerCase(Locale.ROOT));
            }
        }
        return tried;
    }

    /**
     * Offers the router made since the lead was last reopened (operators' assignments do not count
     * toward the attempt limit; reopening starts a fresh count).
     */
    public int routedAttempts() {
        int routed = 0;
        for (Attempt attempt : attempts) {
            if (REOPEN.equals(attempt.assignedBy())) {
                routed = 1;
            } else if (ROUTER.equals(attempt.assignedBy())) {
                routed++;
            }
        }
        return routed;
    }

    /**
     * The offer a partner's answer settles, checked against the lead's rules: the offer must be this
     * partner's, the lead not erased, the offer still pending and its deadline not passed. The same
     * answer given again is not an error: it changes nothing (empty).
     *
     * @throws OfferClosedException saying what happened instead
     */
    public Optional<Attempt> answerable(UUID assignmentId, UUID partnerId, boolean accept, Instant now) {
        Attempt attempt = attempt(assignmentId).filter(found -> found.partnerId().equals(partnerId))
                .orElseThrow(() -> new OfferClosedException("this offer is not known here"));
        if (state == State.ERASED) {
            throw new OfferClosedException(ERASED_OFFER);
        }
        if (attempt.outcome() == (accept ? Outcome.ACCEPTED : Outcome.DECLINED)) {
            return Optional.empty();
        }
        if (attempt.outcome() != Outcome.PENDING) {
            throw new OfferClosedException(switch (attempt.outcome()) {
                case ACCEPTED -> "this lead was already accepted";
                case DECLINED -> "this lead was already declined";
                case EXPIRED -> "the deadline to answer this offer passed and the lead moved on";
                case WITHDRAWN -> "this lead was reassigned";
                default -> "this offer is closed";
            });
        }
        if (!now.isBefore(attempt.respondBy())) {
            throw new OfferClosedException("the deadline to answer this offer has passed");
        }
        return Optional.of(attempt);
    }

    /**
     * Whether an operator may give the lead to a partner by hand: not once a partner accepted it
     * (it stays with that partner), not once it was erased (never offered again).
     *
     * @throws OfferClosedException saying why not
     */
    public void requireAssignableByHand() {
        if (state == State.ACCEPTED) {
            throw new OfferClosedException("this lead was accepted: it stays with the partner that accepted it");
        }
        if (state == State.ERASED) {
            throw new OfferClosedException("this lead was erased at the customer's request: it is not offered again");
        }
    }

    /** Whether an operator may route the lead again: only from the operators' queue. */
    public void requireReopenable() {
        if (state != State.UNROUTABLE) {
            throw new OfferClosedException("only a lead in the operators' queue can be reopened; this one is " + state);
        }
    }

    /** The id the lead's next offer gets: the service reserves the partner's place under it before the case records the offer. */
    public UUID nextAssignmentId() {
        return EventIds.derived("assignment", leadId, attempts.size() + 1);
    }

    /**
     * Whether the router may make another offer: fewer than {@code maxAttempts} since the lead was
     * last reopened, or an operator is reopening it now (a fresh budget).
     */
    public boolean attemptsLeft(int maxAttempts) {
        return state == State.UNROUTABLE || routedAttempts() < maxAttempts;
    }

    /**
     * The partner accepts its offer in time ({@link #answerable} says when): the lead is theirs.
     * Empty when it accepted already: the same answer again changes nothing.
     */
    public Optional<Change> accepted(UUID assignmentId, UUID partnerId, Instant now) {
        return answerable(assignmentId, partnerId, true, now).map(offer -> {
            LeadAccepted event = new LeadAccepted(leadId, assignmentId, partnerId, now, lead.personal());
            return change(State.ACCEPTED, null, List.of(offer.settled(Outcome.ACCEPTED, null, now)), null, null,
                    caused("accepted", assignmentId, event), now);
        });
    }

    /**
     * The partner declines its offer in time: the offer is settled and the lead waits, in this same
     * change, to be offered on ({@link Change#then}). Empty when it declined already.
     */
    public Optional<Change> declined(UUID assignmentId, UUID partnerId, String reason, Instant now) {
        return answerable(assignmentId, partnerId, false, now).map(offer -> {
            String why = reason == null || reason.isBlank() ? null : reason.strip();
            LeadDeclined event = new LeadDeclined(leadId, assignmentId, partnerId, why, now);
            return change(state, null, List.of(offer.settled(Outcome.DECLINED, why, now)), null, null,
                    caused("declined", assignmentId, event), now);
        });
    }

    /**
     * The offer's deadline passed without an answer: settled as expired, the lead to be offered on,
     * as after a decline. Empty when the offer no longer waits (answered meanwhile) or is not due at
     * {@code now}.
     */
    public Optional<Change> expired(UUID assignmentId, Instant now) {
        return attempt(assignmentId).filter(offer -> offer.outcome() == Outcome.PENDING && !now.isBefore(offer.respondBy())).map(offer -> {
            LeadAssignmentExpired event = new LeadAssignmentExpired(leadId, assignmentId, offer.partnerId(), offer.respondBy(), now);
            return change(state, null, List.of(offer.settled(Outcome.EXPIRED, "no answer by " + offer.respondBy(), now)), null, null,
                    caused("expired", assignmentId, event), now);
        });
    }

    /**
     * The router's next offer, decided outside the case, its place reserved under
     * {@link #nextAssignmentId()}: the lead's first ({@code LeadAssigned}), the next after a decline
     * or an expiry ({@code LeadReassigned} giving that as its reason), or the first after an
     * operator reopened the lead from the queue ({@code reopened}, counted from a fresh budget).
     */
    public Change offered(Offer offer, Instant now) {
        requireNoOfferWaiting();
        boolean reopening = state == State.UNROUTABLE;
        int number = attempts.size() + 1;
        UUID assignmentId = nextAssignmentId();
        AssignmentEvent event = number == 1
                ? new LeadAssigned(leadId, assignmentId, offer.partnerId(), offer.partnerName(), number, offer.score(), offer.fallbacks(),
                        offer.passedOver(), lead.brief(), now, offer.respondBy(), offer.passedOverCounts(), offer.expectedShares())
                : new LeadReassigned(leadId, assignmentId, offer.partnerId(), offer.partnerName(), lastPartner(),
                        reopening ? "reopened" : last().outcome().name().toLowerCase(Locale.ROOT), number, offer.score(), offer.fallbacks(),
                        offer.passedOver(), lead.brief(), now, offer.respondBy(), offer.passedOverCounts(), offer.expectedShares());
        Attempt offered = new Attempt(number, assignmentId, offer.partnerId(), offer.partnerName(), now, offer.respondBy(), Outcome.PENDING,
                null, null, reopening ? REOPEN : ROUTER, event);
        return change(State.OFFERED, null, List.of(), offered, null, caused("offered", assignmentId, event), now);
    }

    /**
     * An operator gives the lead to a partner of their choosing ({@link #requireAssignableByHand}
     * says when), its place held under {@link #nextAssignmentId()} whatever its capacity: the offer
     * waiting, if any, is withdrawn, and the partner gets the lead as {@code LeadReassigned}. An
     * operator's offer does not count toward the router's attempts.
     */
    public Change assignedByHand(UUID partnerId, String partnerName, Instant respondBy, String operator, String reason, Instant now) {
        requireAssignableByHand();
        List<Attempt> withdrawn = current().map(offer -> offer.settled(Outcome.WITHDRAWN, "assigned by " + operator, now)).stream().toList();
        int number = attempts.size() + 1;
        UUID assignmentId = nextAssignmentId();
        Score score = Score.of(List.of(new ScoreComponent("operator", 0, "assigned by " + operator + ": " + reason)));
        LeadReassigned event = new LeadReassigned(leadId, assignmentId, partnerId, partnerName, lastPartner(), "operator: " + reason, number,
                score, List.of(), List.of(), lead.brief(), now, respondBy, Map.of());
        Attempt offered = new Attempt(number, assignmentId, partnerId, partnerName, now, respondBy, Outcome.PENDING, null, null, operator,
                event);
        return change(State.OFFERED, null, withdrawn, offered, null, caused("offered", assignmentId, event), now);
    }

    /**
     * Nobody can take the lead ({@code why}, explained by {@code reason} and the partners passed
     * over): it goes to the operators' queue with {@code LeadUnroutable}.
     */
    public Change queuedAsUnroutable(Unroutable why, String reason, List<PassedOver> passedOver, Map<String, Integer> passedOverCounts,
            Instant now) {
        requireNoOfferWaiting();
        LeadUnroutable event = new LeadUnroutable(leadId, reason, passedOver.stream().limit(PASSED_OVER_NAMED).toList(), now,
                passedOverCounts, routedAttempts());
        return change(State.UNROUTABLE, reason, List.of(), null, why,
                new PendingEvent(EventIds.derived(UNROUTABLE_FROM, leadId, version), event), now);
    }

    /**
     * The lead's person asked to be forgotten: the next version holds the lead without its sealed
     * personal data, in the lead itself, in every offer's event and in the events still waiting for
     * the broker (an acceptance goes out without it); an offer still waiting for its answer is
     * withdrawn. What the router decided, when and why stays, naming no person. Empty when the lead
     * is erased already: erasing again changes nothing.
     */
    public Optional<Change> erased(Instant now) {
        if (state == State.ERASED) {
            return Optional.empty();
        }
        List<Attempt> kept = new ArrayList<>();
        List<Attempt> withdrawn = new ArrayList<>();
        for (Attempt attempt : attempts) {
            boolean waiting = attempt.outcome() == Outcome.PENDING;
            kept.add((waiting ? attempt.settled(Outcome.WITHDRAWN, ERASED_REASON, now) : attempt).erased());
            if (waiting) {
                withdrawn.add(kept.get(kept.size() - 1));
            }
        }
        List<PendingEvent> unsent = new ArrayList<>();
        for (PendingEvent event : pending) {
            unsent.add(new PendingEvent(event.id(), event.event().erased()));
        }
        LeadCase erased = new LeadCase(leadId, lead == null ? null : lead.erased(), State.ERASED, kept, ERASED_REASON, now, version + 1, unsent);
        return Optional.of(new Change(erased, List.of(), withdrawn, null, null));
    }

    /** Who the lead was last offered to, if anyone: the previous partner a reassignment names. */
    private UUID lastPartner() {
        return attempts.isEmpty() ? null : last().partnerId();
    }

    private Attempt last() {
        return attempts.get(attempts.size() - 1);
    }

    /** The router offers a lead, or queues it, only when no offer waits for an answer and nobody holds the lead. */
    private void requireNoOfferWaiting() {
        if (state == State.ACCEPTED || state == State.ERASED || current().isPresent()) {
            throw new IllegalStateException("lead " + leadId + " is " + state + (current().isPresent() ? " with an offer waiting" : "")
                    + ": it is not routed again");
        }
    }

    private PendingEvent caused(String what, UUID assignmentId, AssignmentEvent event) {
        return new PendingEvent(EventIds.derived(what, assignmentId), event);
    }

    private Change change(State nextState, String nextReason, List<Attempt> settled, Attempt offered, Unroutable unroutable,
            PendingEvent event, Instant now) {
        List<Attempt> changed = new ArrayList<>(settled);
        if (offered != null) {
            changed.add(offered);
        }
        return new Change(next(nextState, changed, nextReason, now, List.of(event)), List.of(event), settled, offered, unroutable);
    }

    /** The next version: each changed attempt replacing the one with its id, or appended, the events queued after those waiting. */
    private LeadCase next(State nextState, List<Attempt> changed, String nextReason, Instant now, List<PendingEvent> events) {
        List<Attempt> merged = new ArrayList<>(attempts);
        for (Attempt attempt : changed) {
            int index = -1;
            for (int i = 0; i < merged.size(); i++) {
                if (merged.get(i).assignmentId().equals(attempt.assignmentId())) {
                    index = i;
                }
            }
            if (index >= 0) {
                merged.set(index, attempt);
            } else {
                merged.add(attempt);
            }
        }
        List<PendingEvent> queued = new ArrayList<>(pending);
        queued.addAll(events);
        return new LeadCase(leadId, lead, nextState, merged, nextReason, now, version + 1, queued);
    }

    public LeadCase withoutPending() {
        return new LeadCase(leadId, lead, state, attempts, reason, updatedAt, version, List.of());
    }
}
