package org.leadrelay.router.assignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.AssignmentEvent;
import org.leadrelay.events.LeadReceived;

/**
 * Everything the router knows and decided about one lead: the lead itself, every offer made for
 * it in order, where it stands, and the events its last changes caused that still wait for the
 * broker. It is stored as one document and every change is one conditional write on its version,
 * so two instances (or a deadline and an answer) racing on a lead cannot both win, and an event is
 * recorded in the same write as the change that caused it.
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
    static final String ERASED_OFFER = "this lead was erased at the customer's request: the offer is closed";

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

    public static LeadCase opened(LeadReceived lead, Instant now) {
        return new LeadCase(lead.leadId(), lead, State.OFFERED, List.of(), null, now, 0, List.of());
    }

    /**
     * A case for a lead erased before this service received it: it holds nothing of the lead, and
     * the lead's {@code LeadReceived}, should it come later, finds it and is not routed.
     */
    public static LeadCase erasedUnseen(UUID leadId, String why, Instant now) {
        return new LeadCase(leadId, null, State.ERASED, List.of(), why, now, 0, List.of());
    }

    /**
     * The case once the lead's person asked to be forgotten, as the next version: the lead without
     * its sealed personal data, in the lead itself, in every offer's event and in the events still
     * waiting for the broker (an acceptance goes out without it); an
     * offer still waiting for its answer withdrawn. What the router decided, when and why stays,
     * naming no person.
     */
    public LeadCase erased(String why, Instant now) {
        List<Attempt> kept = new ArrayList<>();
        for (Attempt attempt : attempts) {
            kept.add((attempt.outcome() == Outcome.PENDING ? attempt.settled(Outcome.WITHDRAWN, why, now) : attempt).erased());
        }
        List<PendingEvent> waiting = new ArrayList<>();
        for (PendingEvent event : pending) {
            waiting.add(new PendingEvent(event.id(), event.event().erased()));
        }
        return new LeadCase(leadId, lead == null ? null : lead.erased(), State.ERASED, kept, why, now, version + 1, waiting);
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
                tried.put(attempt.partnerId(), attempt.outcome().name().toLowerCase(java.util.Locale.ROOT));
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

    /** The case with one offer settled (declined or expired), the lead where it stood, before it moves on. */
    public LeadCase settling(Attempt settled, Instant now) {
        return next(state, List.of(settled), null, now, List.of());
    }

    /** The next state: the attempt replaced by its settled form, the new attempt appended, the events queued. */
    public LeadCase next(State nextState, List<Attempt> changed, String nextReason, Instant now, List<PendingEvent> events) {
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
