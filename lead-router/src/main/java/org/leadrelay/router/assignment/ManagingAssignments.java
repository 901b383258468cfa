package org.leadrelay.router.assignment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.leadrelay.events.AssignmentId;
import org.leadrelay.events.Fallback;
import org.leadrelay.events.LeadId;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.PartnerId;
import org.leadrelay.events.PassedOver;
import org.leadrelay.router.assignment.LeadCase.Attempt;
import org.leadrelay.router.assignment.LeadCase.Change;
import org.leadrelay.router.assignment.LeadCase.Offer;
import org.leadrelay.router.assignment.LeadCase.Outcome;
import org.leadrelay.router.assignment.LeadCase.Unroutable;
import org.leadrelay.router.partners.PartnerCopies;
import org.leadrelay.router.partners.PartnerReplica;
import org.leadrelay.router.routing.Ranked;
import org.leadrelay.router.routing.RoutablePartner;
import org.leadrelay.router.routing.RoutingDecision;
import org.leadrelay.router.routing.RoutingPolicy;
import org.leadrelay.router.routing.Standing;
import org.springframework.stereotype.Service;

/**
 * A lead's whole life in the router: routed when it arrives, then accepted, declined (and offered
 * to the next best partner), expired at its deadline (and offered on), or, when nobody is left or
 * the attempts run out, put in the operators' queue; operators assign by hand and reopen.
 * <p>
 * Each use case loads the lead's case, decides what needs the partner replica and the database
 * (the routing decision, the new partner's capacity reservation: an atomic conditional update, so
 * racing instances never exceed it), lets the case make the change ({@link LeadCase}'s rules), and
 * stores its next version together with the events it caused in one conditional write. What the
 * change brings about outside the case follows from it ({@link SeeingToConsequences}: a new offer's
 * timer before the write, places and records after it, the reservation taken back if another
 * change won the race, and then the step starts again from the new state); {@link RouterMetrics}
 * counts it. The events then go to the broker ({@link RelayingEvents}); whatever a crash or an
 * outage left is sent by its sweeper. Deadlines are stored timers ({@link Deadlines}), so they fire
 * once across instances and survive restarts.
 */
@Service
public class ManagingAssignments {

    private static final int ATTEMPTS_ON_CONFLICT = 10;

    private final LeadCases cases;
    private final PartnerCopies partners;
    private final PartnerReplica replica;
    private final PartnerLoads loads;
    private final PartnerRecords records;
    private final RelayingEvents relay;
    private final RoutingPolicy policy;
    private final AnswerDeadlines answerDeadlines;
    private final RouterProperties properties;
    private final Clock clock;
    private final SeeingToConsequences consequences;
    private final RouterMetrics metrics;

    ManagingAssignments(LeadCases cases, PartnerCopies partners, PartnerReplica replica, PartnerLoads loads, PartnerRecords records,
            RelayingEvents relay, RoutingPolicy policy, RouterProperties properties, Clock clock, SeeingToConsequences consequences,
            RouterMetrics metrics) {
        this.cases = cases;
        this.partners = partners;
        this.replica = replica;
        this.loads = loads;
        this.records = records;
        this.relay = relay;
        this.policy = policy;
        this.answerDeadlines = new AnswerDeadlines(properties);
        this.properties = properties;
        this.clock = clock;
        this.consequences = consequences;
        this.metrics = metrics;
    }

    /** Routes a received lead once; a redelivered lead only has its pending events sent again. */
    public LeadCase route(LeadReceived lead) {
        Optional<LeadCase> known = cases.find(lead.leadId());
        if (known.isPresent()) {
            relay.send(known.get());
            return known.get();
        }
        Instant now = now();
        Change first = routeOn(LeadCase.opened(lead, now), now);
        consequences.beforeStoring(first);
        relay.mark(first.next());
        if (!cases.open(first.next())) {
            consequences.lost(first); // another instance routed it first
            LeadCase stored = cases.find(lead.leadId()).orElseThrow();
            relay.send(stored);
            return stored;
        }
        return followUp(first);
    }

    /**
     * A partner's answer to an offer. The first answer counts; the same answer again changes
     * nothing; anything else is refused with what happened instead.
     */
    public LeadCase answer(LeadId lead, AssignmentId offer, PartnerId answering, boolean accept, String reason) {
        UUID assignmentId = offer.value();
        UUID partnerId = answering.value();
        return changeLead(lead.value(), current -> {
            Instant now = now();
            if (accept) {
                return current.accepted(assignmentId, partnerId, now);
            }
            return current.declined(assignmentId, partnerId, reason, now).map(declined -> declined.then(settled -> routeOn(settled, now)));
        });
    }

    /**
     * An offer's deadline timer fired. A pending offer past its deadline expires and the lead moves
     * on. The timer also repairs what a crash between a lead's write and the steps after it left
     * behind ({@link SeeingToConsequences#repair}, {@link SeeingToConsequences#neverStored}). Firing
     * twice changes nothing.
     *
     * @return false when the offer is not due yet (the timer must fire again later)
     */
    public boolean expire(LeadId lead, AssignmentId assignment, PartnerId offeredTo) {
        UUID leadId = lead.value();
        UUID assignmentId = assignment.value();
        Optional<Attempt> offer = cases.find(leadId).flatMap(found -> found.attempt(assignmentId));
        Instant now = now();
        if (offer.isEmpty()) {
            consequences.neverStored(offeredTo.value(), assignmentId, now);
            return true;
        }
        if (offer.get().outcome() != Outcome.PENDING) {
            consequences.repair(leadId, offer.get());
            return true;
        }
        if (now.isBefore(offer.get().respondBy())) {
            return false;
        }
        try {
            changeLead(leadId, current -> {
                Instant at = now();
                return current.expired(assignmentId, at).map(expired -> expired.then(settled -> routeOn(settled, at)));
            });
        } catch (OfferClosedException unknown) {
            return true;
        }
        return true;
    }

    /** An accepted lead stops counting against its partner's capacity. */
    public void releaseAccepted(PartnerId partner, AssignmentId assignment) {
        loads.release(partner.value(), assignment.value());
    }

    /**
     * An operator gives the lead to a partner of their choosing, whatever its capacity: the pending
     * offer, if any, is withdrawn, and the partner gets it as LeadReassigned.
     */
    public LeadCase assignByHand(LeadId lead, PartnerId chosen, String reason, String operator) {
        UUID partnerId = chosen.value();
        RoutablePartner partner = partners.find(partnerId).orElseThrow(() -> new UnknownPartnerException(partnerId));
        return changeLead(lead.value(), current -> {
            current.requireAssignableByHand();
            Instant now = now();
            Instant respondBy = answerDeadlines.respondBy(current.lead(), partner, now);
            // held before the write, and timed (SeeingToConsequences): a crash after it leaves nothing the timer cannot repair
            loads.force(partner.id(), current.nextAssignmentId(), PartnerLoads.week(now));
            return Optional.of(current.assignedByHand(partner.id(), partner.name(), respondBy, operator, reason, now));
        });
    }

    /**
     * The lead's person asked to be forgotten ({@code LeadErased}): the case is anonymised
     * ({@link LeadCase#erased}), an offer waiting for its answer is withdrawn and its place given
     * back, and the lead is never offered again. A lead this service has not received yet gets an
     * empty erased case, so its {@code LeadReceived} is not routed when it comes. Erasing again
     * changes nothing.
     *
     * @return what the erasure did here, naming no person, for its report
     */
    public String erase(LeadId lead) {
        UUID leadId = lead.value();
        for (int attempt = 0; attempt < ATTEMPTS_ON_CONFLICT; attempt++) {
            Instant now = now();
            Optional<LeadCase> known = cases.find(leadId);
            if (known.isEmpty()) {
                Change unseen = LeadCase.erasedUnseen(leadId, now);
                if (cases.open(unseen.next())) {
                    followUp(unseen);
                    return erasureSummary(unseen.next());
                }
                continue; // received meanwhile
            }
            Optional<Change> erased = known.get().erased(now);
            if (erased.isEmpty()) {
                relay.send(known.get());
                return erasureSummary(known.get());
            }
            if (store(erased.get())) {
                return erasureSummary(erased.get().next());
            }
        }
        throw new IllegalStateException("lead " + leadId + " kept changing under " + ATTEMPTS_ON_CONFLICT + " attempts to erase it");
    }

    private static String erasureSummary(LeadCase erased) {
        if (erased.lead() == null) {
            return "erased before it was received here: nothing held, and the lead will not be routed";
        }
        long withdrawn = erased.attempts().stream()
                .filter(attempt -> attempt.outcome() == Outcome.WITHDRAWN && LeadCase.ERASED_REASON.equals(attempt.reason())).count();
        return "case anonymised: contact and description removed from the lead and its " + erased.attempts().size() + " offer(s)"
                + (withdrawn > 0 ? "; the pending offer withdrawn" : "") + "; never offered again";
    }

    /** Routes an unroutable lead again from scratch (partners that declined or let it expire stay excluded). */
    public LeadCase reopen(LeadId lead) {
        return changeLead(lead.value(), current -> {
            current.requireReopenable();
            return Optional.of(routeOn(current, now()));
        });
    }

    /** The operators' queue. */
    public List<LeadCase> unroutable(int limit) {
        return cases.unroutable(limit);
    }

    public Optional<LeadCase> find(LeadId lead) {
        return cases.find(lead.value());
    }

    /**
     * Loads the case, lets {@code changing} make the change (empty: nothing to do), and stores it;
     * when another change got there first, starts again from the new state.
     */
    private LeadCase changeLead(UUID leadId, Function<LeadCase, Optional<Change>> changing) {
        for (int attempt = 0; attempt < ATTEMPTS_ON_CONFLICT; attempt++) {
            LeadCase current = cases.find(leadId).orElseThrow(() -> new OfferClosedException("this lead is not known here"));
            Optional<Change> change = changing.apply(current);
            if (change.isEmpty()) {
                relay.send(current);
                return current;
            }
            if (store(change.get())) {
                return change.get().next();
            }
        }
        throw new IllegalStateException("lead " + leadId + " kept changing under " + ATTEMPTS_ON_CONFLICT + " attempts");
    }

    /** @return false when another change of the lead was stored first (the change's reservation is then taken back) */
    private boolean store(Change change) {
        consequences.beforeStoring(change);
        relay.mark(change.next());
        if (!cases.replace(change.next())) {
            consequences.lost(change);
            return false;
        }
        followUp(change);
        return true;
    }

    private LeadCase followUp(Change stored) {
        consequences.stored(stored);
        metrics.stored(stored);
        relay.send(stored.next());
        return stored.next();
    }

    /**
     * The router's decision for a lead with no offer waiting: the best partner whose capacity can
     * still be reserved gets the offer, or the lead goes to the operators' queue. Nothing is stored
     * here; a reservation taken is given back by {@link SeeingToConsequences#lost} if the change
     * is not stored.
     */
    private Change routeOn(LeadCase current, Instant now) {
        if (!current.attemptsLeft(properties.maxAttempts())) {
            return current.queuedAsUnroutable(Unroutable.ATTEMPTS_EXHAUSTED, "no answer after " + current.routedAttempts() + " offers",
                    List.of(), Map.of(), now);
        }
        LeadReceived lead = current.lead();
        // the candidates from this instance's replica; standings from the database, for the partners the other rules admit
        RoutingDecision decision = policy.decideAmong(lead, replica.index().find(lead), admitted -> standings(admitted, now),
                current.tried(), now);
        if (decision instanceof RoutingDecision.Nobody nobody) {
            String reason = current.attempts().isEmpty() ? nobody.reason() : "nobody else can take it: " + nobody.reason();
            return current.queuedAsUnroutable(Unroutable.NOBODY_ELIGIBLE, reason, nobody.passedOver(), nobody.passedOverCounts(), now);
        }
        RoutingDecision.Chosen chosen = (RoutingDecision.Chosen) decision;
        UUID assignmentId = current.nextAssignmentId();
        String week = PartnerLoads.week(now);
        List<PassedOver> full = new ArrayList<>();
        for (int i = 0; i < chosen.ranked().size(); i++) {
            Ranked ranked = chosen.ranked().get(i);
            RoutablePartner partner = ranked.partner();
            if (!loads.reserve(partner.id(), assignmentId, partner.capacity(), partner.weeklyCapacity(), week)) {
                full.add(new PassedOver(partner.id(), partner.name(), "capacity taken meanwhile"));
                continue;
            }
            List<Fallback> fallbacks = chosen.ranked().stream().skip(i + 1L).limit(policy.weights().maxFallbacks())
                    .map(next -> new Fallback(next.partner().id(), next.partner().name(), next.score().total(), next.score().components()))
                    .toList();
            List<PassedOver> passedOver = new ArrayList<>(full);
            passedOver.addAll(chosen.passedOver());
            Map<String, Integer> counts = new HashMap<>(chosen.passedOverCounts());
            if (!full.isEmpty()) {
                counts.merge("capacity", full.size(), Integer::sum);
            }
            return current.offered(new Offer(partner.id(), partner.name(), answerDeadlines.respondBy(lead, partner, now), ranked.score(),
                    fallbacks, passedOver, counts, chosen.expectedShares()), now);
        }
        Map<String, Integer> counts = new HashMap<>(chosen.passedOverCounts());
        counts.merge("capacity", full.size(), Integer::sum);
        List<PassedOver> passedOver = new ArrayList<>(full);
        passedOver.addAll(chosen.passedOver());
        return current.queuedAsUnroutable(Unroutable.CAPACITY_TAKEN, "every eligible partner's capacity was taken", passedOver, counts, now);
    }

    private Map<UUID, Standing> standings(List<RoutablePartner> candidates, Instant now) {
        List<UUID> ids = candidates.stream().map(RoutablePartner::id).toList();
        Map<UUID, PartnerLoads.Load> load = loads.of(ids, PartnerLoads.week(now));
        Map<UUID, PartnerRecords.Record> record = records.of(ids, now);
        Map<UUID, Standing> standings = new HashMap<>();
        for (UUID id : ids) {
            PartnerLoads.Load l = load.getOrDefault(id, PartnerLoads.Load.NONE);
            PartnerRecords.Record r = record.getOrDefault(id, PartnerRecords.Record.NONE);
            standings.put(id, new Standing(l.open(), l.thisWeek(), r.offers(), r.accepts(), r.medianAnswerTime(), r.recentLeads()));
        }
        return standings;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
