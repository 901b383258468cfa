package org.leadrelay.router.assignment;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.leadrelay.events.AssignmentEvent;
import org.leadrelay.events.AssignmentId;
import org.leadrelay.events.Fallback;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadAssignmentExpired;
import org.leadrelay.events.LeadDeclined;
import org.leadrelay.events.LeadId;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.LeadUnroutable;
import org.leadrelay.events.PartnerId;
import org.leadrelay.events.PassedOver;
import org.leadrelay.events.Score;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.router.assignment.LeadCase.Attempt;
import org.leadrelay.router.assignment.LeadCase.Outcome;
import org.leadrelay.router.assignment.LeadCase.PendingEvent;
import org.leadrelay.router.assignment.LeadCase.State;
import org.leadrelay.router.partners.PartnerCopies;
import org.leadrelay.router.partners.PartnerReplica;
import org.leadrelay.router.routing.Ranked;
import org.leadrelay.router.routing.RoutablePartner;
import org.leadrelay.router.routing.RoutingDecision;
import org.leadrelay.router.routing.RoutingPolicy;
import org.leadrelay.router.routing.Standing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A lead's whole life in the router: routed when it arrives, then accepted, declined (and offered
 * to the next best partner), expired at its deadline (and offered on), or, when nobody is left or
 * the attempts run out, put in the operators' queue; operators assign by hand and reopen.
 * <p>
 * Every step reads the lead's case, decides, reserves the new partner's capacity (an atomic
 * conditional update, so racing instances never exceed it), and stores the case's next version
 * together with the events it caused in one conditional write; if another step won the race, the
 * reservation is released and the step starts again from the new state. The events then go to the
 * broker ({@link RelayingEvents}); whatever a crash or an outage left is sent by its sweeper.
 * Deadlines are stored timers ({@link Deadlines}), so they fire once across instances and survive
 * restarts.
 */
@Service
public class ManagingAssignments {

    private static final String ERASED_REASON = "erased at the customer's request";
    private static final Logger log = LoggerFactory.getLogger(ManagingAssignments.class);
    private static final int ATTEMPTS_ON_CONFLICT = 10;

    private final LeadCases cases;
    private final PartnerCopies partners;
    private final PartnerReplica replica;
    private final PartnerLoads loads;
    private final PartnerRecords records;
    private final Deadlines deadlines;
    private final RelayingEvents relay;
    private final RoutingPolicy policy;
    private final AnswerDeadlines answerDeadlines;
    private final RouterProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    ManagingAssignments(LeadCases cases, PartnerCopies partners, PartnerReplica replica, PartnerLoads loads, PartnerRecords records,
            Deadlines deadlines, RelayingEvents relay, RoutingPolicy policy, RouterProperties properties, Clock clock, MeterRegistry meters) {
        this.cases = cases;
        this.partners = partners;
        this.replica = replica;
        this.loads = loads;
        this.records = records;
        this.deadlines = deadlines;
        this.relay = relay;
        this.policy = policy;
        this.answerDeadlines = new AnswerDeadlines(properties);
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        // exported at 0 from the start, so dashboards and alerts see each series before its first event
        meters.counter("leadrelay.router.expiries");
        meters.counter("leadrelay.router.erasures");
        for (Unroutable why : Unroutable.values()) {
            meters.counter("leadrelay.router.unroutable", "reason", why.category);
        }
        for (String reason : List.of("operator", "reopened")) {
            meters.counter("leadrelay.router.reassignments", "reason", reason);
        }
    }

    /** Routes a received lead once; a redelivered lead only has its pending events sent again. */
    public LeadCase route(LeadReceived lead) {
        Optional<LeadCase> known = cases.find(lead.leadId());
        if (known.isPresent()) {
            relay.send(known.get());
            return known.get();
        }
        Instant now = now();
        LeadCase opened = LeadCase.opened(lead, now);
        Step step = offerNext(opened, null, null, LeadCase.ROUTER, now);
        LeadCase first = new LeadCase(opened.leadId(), lead, step.state(), step.attempts(), step.reason(), now, 0, step.events());
        relay.mark(first);
        if (!cases.open(first)) {
            step.undo().run(); // another instance routed it first
            LeadCase stored = cases.find(lead.leadId()).orElseThrow();
            relay.send(stored);
            return stored;
        }
        step.after().run();
        count(step);
        relay.send(first);
        return first;
    }

    /**
     * A partner's answer to an offer. The first answer counts; the same answer again changes
     * nothing; anything else is refused with what happened instead.
     */
    public LeadCase answer(LeadId lead, AssignmentId offer, PartnerId answering, boolean accept, String reason) {
        UUID leadId = lead.value();
        UUID assignmentId = offer.value();
        UUID partnerId = answering.value();
        return changeLead(leadId, current -> {
            Instant now = now();
            Attempt attempt = current.answerable(assignmentId, partnerId, accept, now).orElse(null);
            if (attempt == null) {
                return null; // answered so already: nothing to do
            }
            Duration took = Duration.between(attempt.offeredAt(), now);
            if (accept) {
                Attempt accepted = attempt.settled(Outcome.ACCEPTED, null, now);
                LeadAccepted event = new LeadAccepted(current.leadId(), assignmentId, partnerId, now, current.lead().personal());
                return new Step(State.ACCEPTED, List.of(accepted), null, List.of(pending("accepted", assignmentId, event)), () -> {
                }, () -> {
                    records.answered(partnerId, assignmentId, true, took, now);
                    deadlines.schedule(Deadlines.Timer.release(current.leadId(), assignmentId, partnerId,
                            now.plus(properties.acceptedLeadHold())));
                    meters.counter("leadrelay.router.answers", "answer", "accept").increment();
                    Timer.builder("leadrelay.router.time.to.accept").description("from an offer to the partner's acceptance")
                            .publishPercentiles(0.5, 0.95).register(meters).record(took);
                    log.info("lead {} accepted by partner {} after {}", current.leadId(), partnerId, took);
                }, "accepted");
            }
            Attempt declined = attempt.settled(Outcome.DECLINED, blankToNull(reason), now);
            LeadDeclined event = new LeadDeclined(current.leadId(), assignmentId, partnerId, blankToNull(reason), now);
            return movingOn(current, declined, pending("declined", assignmentId, event), "declined", took, now, () -> {
                meters.counter("leadrelay.router.answers", "answer", "decline").increment();
                log.info("lead {} declined by partner {}", current.leadId(), partnerId);
            });
        });
    }

    /**
     * The one path of a declined or an expired offer: the offer settled with its event, the
     * partner's place given back and its record counted as not accepted, then the lead offered to
     * the next best partner (or put in the operators' queue).
     */
    private Step movingOn(LeadCase current, Attempt settled, PendingEvent settledEvent, String why, Duration took, Instant now,
            Runnable counted) {
        Step next = offerNext(current.settling(settled, now), settled.partnerId(), why, LeadCase.ROUTER, now);
        List<PendingEvent> events = new ArrayList<>();
        events.add(settledEvent);
        events.addAll(next.events());
        List<Attempt> changed = new ArrayList<>();
        changed.add(settled);
        changed.addAll(next.attempts());
        return new Step(next.state(), changed, next.reason(), events, next.undo(), () -> {
            loads.release(settled.partnerId(), settled.assignmentId());
            records.answered(settled.partnerId(), settled.assignmentId(), false, took, now);
            counted.run();
            next.after().run();
        }, next.outcome());
    }

    /**
     * An offer's deadline timer fired. A pending offer past its deadline expires and the lead moves
     * on. The timer also repairs what a crash between a lead's write and the steps after it left
     * behind: a place reserved for an offer that was never stored, or held by an offer already
     * settled, is given back, and an accepted offer gets its release timer. Firing twice changes
     * nothing.
     *
     * @return false when the offer is not due yet (the timer must fire again later)
     */
    public boolean expire(LeadId lead, AssignmentId assignment, PartnerId offeredTo) {
        UUID leadId = lead.value();
        UUID assignmentId = assignment.value();
        UUID partnerId = offeredTo.value();
        Optional<LeadCase> known = cases.find(leadId);
        Optional<Attempt> offer = known.flatMap(found -> found.attempt(assignmentId));
        if (offer.isEmpty()) {
            // reserved, then the process died before the lead was stored: the place was taken this week or the
            // one before (an answer deadline is shorter than a week), and giving back what is not held does nothing
            Instant now = now();
            loads.cancel(partnerId, assignmentId, week(now));
            loads.cancel(partnerId, assignmentId, week(now.minus(Duration.ofDays(7))));
            return true;
        }
        Instant now = now();
        switch (offer.get().outcome()) {
            case PENDING:
                if (now.isBefore(offer.get().respondBy())) {
                    return false;
                }
                break;
            case ACCEPTED:
                deadlines.schedule(Deadlines.Timer.release(leadId, assignmentId, offer.get().partnerId(),
                        offer.get().answeredAt().plus(properties.acceptedLeadHold())));
                return true;
            default:
                loads.release(offer.get().partnerId(), assignmentId);
                return true;
        }
        try {
            changeLead(leadId, current -> {
                Attempt attempt = current.attempt(assignmentId).orElse(null);
                Instant at = now();
                if (attempt == null || attempt.outcome() != Outcome.PENDING || at.isBefore(attempt.respondBy())) {
                    return null; // answered meanwhile
                }
                Attempt expired = attempt.settled(Outcome.EXPIRED, "no answer by " + attempt.respondBy(), at);
                LeadAssignmentExpired event = new LeadAssignmentExpired(current.leadId(), assignmentId, attempt.partnerId(),
                        attempt.respondBy(), at);
                return movingOn(current, expired, pending("expired", assignmentId, event), "expired",
                        Duration.between(attempt.offeredAt(), at), at, () -> {
                            meters.counter("leadrelay.router.expiries").increment();
                            log.info("offer {} of lead {} to partner {} expired", assignmentId, current.leadId(), attempt.partnerId());
                        });
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
        UUID leadId = lead.value();
        UUID partnerId = chosen.value();
        RoutablePartner partner = partners.find(partnerId).orElseThrow(() -> new UnknownPartnerException(partnerId));
        return changeLead(leadId, current -> {
            current.requireAssignableByHand();
            Instant now = now();
            List<Attempt> changed = new ArrayList<>();
            Attempt withdrawn = current.current().map(attempt -> attempt.settled(Outcome.WITHDRAWN, "assigned by " + operator, now))
                    .orElse(null);
            if (withdrawn != null) {
                changed.add(withdrawn);
            }
            UUID previous = current.attempts().isEmpty() ? null : current.attempts().get(current.attempts().size() - 1).partnerId();
            int number = current.attempts().size() + 1;
            UUID assignmentId = EventIds.derived("assignment", leadId, number);
            Instant respondBy = answerDeadlines.respondBy(current.lead(), partner, now);
            Score score = Score.of(List.of(new ScoreComponent("operator", 0, "assigned by " + operator + ": " + reason)));
            LeadReassigned event = new LeadReassigned(leadId, assignmentId, partner.id(), partner.name(), previous,
                    "operator: " + reason, number, score, List.of(), List.of(), current.lead().brief(), now, respondBy, Map.of());
            Attempt offered = new Attempt(number, assignmentId, partner.id(), partner.name(), now, respondBy, Outcome.PENDING, null, null,
                    operator, event);
            changed.add(offered);
            // held and timed before the write: a crash after it leaves nothing the timer cannot repair
            loads.force(partner.id(), assignmentId, week(now));
            deadlines.schedule(Deadlines.Timer.expiry(leadId, assignmentId, partner.id(), respondBy));
            return new Step(State.OFFERED, changed, null, List.of(pending("offered", assignmentId, event)),
                    () -> loads.cancel(partner.id(), assignmentId, week(now)), () -> {
                        if (withdrawn != null) {
                            loads.release(withdrawn.partnerId(), withdrawn.assignmentId());
                        }
                        records.offered(partner.id(), assignmentId, now);
                        meters.counter("leadrelay.router.reassignments", "reason", "operator").increment();
                        log.info("lead {} assigned by hand to partner {}", leadId, partner.id());
                    }, "manual");
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
                if (cases.open(LeadCase.erasedUnseen(leadId, ERASED_REASON, now))) {
                    meters.counter("leadrelay.router.erasures").increment();
                    log.info("lead {} erased before it was received here: it will not be routed", leadId);
                    return erasureSummary(cases.find(leadId).orElseThrow());
                }
                continue; // received meanwhile
            }
            LeadCase current = known.get();
            if (current.state() == State.ERASED) {
                relay.send(current);
                return erasureSummary(current);
            }
            Optional<Attempt> waiting = current.current();
            LeadCase erased = current.erased(ERASED_REASON, now);
            relay.mark(erased);
            if (cases.replace(erased)) {
                waiting.ifPresent(offer -> loads.release(offer.partnerId(), offer.assignmentId()));
                meters.counter("leadrelay.router.erasures").increment();
                log.info("lead {} erased: case anonymised{}", leadId, waiting.isPresent() ? ", pending offer withdrawn" : "");
                relay.send(erased);
                return erasureSummary(erased);
            }
        }
        throw new IllegalStateException("lead " + leadId + " kept changing under " + ATTEMPTS_ON_CONFLICT + " attempts to erase it");
    }

    private static String erasureSummary(LeadCase erased) {
        if (erased.lead() == null) {
            return "erased before it was received here: nothing held, and the lead will not be routed";
        }
        long withdrawn = erased.attempts().stream()
                .filter(attempt -> attempt.outcome() == Outcome.WITHDRAWN && ERASED_REASON.equals(attempt.reason())).count();
        return "case anonymised: contact and description removed from the lead and its " + erased.attempts().size() + " offer(s)"
                + (withdrawn > 0 ? "; the pending offer withdrawn" : "") + "; never offered again";
    }

    /** Routes an unroutable lead again from scratch (partners that declined or let it expire stay excluded). */
    public LeadCase reopen(LeadId lead) {
        return changeLead(lead.value(), current -> {
            current.requireReopenable();
            Instant now = now();
            UUID previous = current.attempts().isEmpty() ? null : current.attempts().get(current.attempts().size() - 1).partnerId();
            return offerNext(current, previous, "reopened", LeadCase.REOPEN, now);
        });
    }

    /** The operators' queue. */
    public List<LeadCase> unroutable(int limit) {
        return cases.unroutable(limit);
    }

    public Optional<LeadCase> find(LeadId lead) {
        return cases.find(lead.value());
    }

    private LeadCase changeLead(UUID leadId, Function<LeadCase, Step> stepping) {
        for (int attempt = 0; attempt < ATTEMPTS_ON_CONFLICT; attempt++) {
            LeadCase current = cases.find(leadId).orElseThrow(() -> new OfferClosedException("this lead is not known here"));
            Step step = stepping.apply(current);
            if (step == null) {
                relay.send(current);
                return current;
            }
            LeadCase next = current.next(step.state(), step.attempts(), step.reason(), now(), step.events());
            relay.mark(next);
            if (cases.replace(next)) {
                step.after().run();
                count(step);
                relay.send(next);
                return next;
            }
            step.undo().run();
        }
        throw new IllegalStateException("lead " + leadId + " kept changing under " + ATTEMPTS_ON_CONFLICT + " attempts");
    }

    /**
     * Offers the lead to the best partner whose capacity can still be reserved, or puts it in the
     * operators' queue. Nothing is stored here: the caller stores the step, then runs its
     * {@code after}, or its {@code undo} if the store lost a race.
     */
    private Step offerNext(LeadCase current, UUID previousPartner, String why, String by, Instant now) {
        LeadReceived lead = current.lead();
        int routed = current.routedAttempts();
        if (routed >= properties.maxAttempts()) {
            return unroutable(current, Unroutable.ATTEMPTS_EXHAUSTED, "no answer after " + routed + " offers", List.of(), Map.of(), routed, now);
        }
        // the candidates from this instance's replica; standings from the database, for the partners the other rules admit
        RoutingDecision decision = policy.decideAmong(lead, replica.index().find(lead), admitted -> standings(admitted, now),
                current.tried(), now);
        if (decision instanceof RoutingDecision.Nobody nobody) {
            String reason = current.attempts().isEmpty() ? nobody.reason() : "nobody else can take it: " + nobody.reason();
            return unroutable(current, Unroutable.NOBODY_ELIGIBLE, reason, nobody.passedOver(), nobody.passedOverCounts(), routed, now);
        }
        RoutingDecision.Chosen chosen = (RoutingDecision.Chosen) decision;
        int number = current.attempts().size() + 1;
        UUID assignmentId = EventIds.derived("assignment", current.leadId(), number);
        String week = week(now);
        List<PassedOver> full = new ArrayList<>();
        for (int i = 0; i < chosen.ranked().size(); i++) {
            Ranked ranked = chosen.ranked().get(i);
            RoutablePartner partner = ranked.partner();
            if (!loads.reserve(partner.id(), assignmentId, partner.capacity(), partner.weeklyCapacity(), week)) {
                full.add(new PassedOver(partner.id(), partner.name(), "capacity taken meanwhile"));
                continue;
            }
            Instant respondBy = answerDeadlines.respondBy(lead, partner, now);
            List<Fallback> fallbacks = chosen.ranked().stream().skip(i + 1L).limit(policy.weights().maxFallbacks())
                    .map(next -> new Fallback(next.partner().id(), next.partner().name(), next.score().total(), next.score().components()))
                    .toList();
            List<PassedOver> passedOver = new ArrayList<>(full);
            passedOver.addAll(chosen.passedOver());
            Map<String, Integer> counts = new HashMap<>(chosen.passedOverCounts());
            if (!full.isEmpty()) {
                counts.merge("capacity", full.size(), Integer::sum);
            }
            AssignmentEvent event = number == 1
                    ? new LeadAssigned(current.leadId(), assignmentId, partner.id(), partner.name(), number, ranked.score(), fallbacks,
                            passedOver, lead.brief(), now, respondBy, counts, chosen.expectedShares())
                    : new LeadReassigned(current.leadId(), assignmentId, partner.id(), partner.name(), previousPartner,
                            why == null ? "reopened" : why, number, ranked.score(), fallbacks, passedOver, lead.brief(), now, respondBy,
                            counts, chosen.expectedShares());
            Attempt offered = new Attempt(number, assignmentId, partner.id(), partner.name(), now, respondBy, Outcome.PENDING, null, null,
                    by, event);
            // timed before the write: if the process dies before the lead is stored, the timer gives the place back
            deadlines.schedule(Deadlines.Timer.expiry(current.leadId(), assignmentId, partner.id(), respondBy));
            return new Step(State.OFFERED, List.of(offered), null, List.of(pending("offered", assignmentId, event)),
                    () -> loads.cancel(partner.id(), assignmentId, week), () -> {
                        records.offered(partner.id(), assignmentId, now);
                        if (number == 1) {
                            Timer.builder("leadrelay.router.time.to.assign").description("from the lead's receipt at intake to its first offer")
                                    .publishPercentiles(0.5, 0.95, 0.99).register(meters)
                                    .record(Duration.between(lead.receivedAt(), now).isNegative() ? Duration.ZERO : Duration.between(lead.receivedAt(), now));
                        } else {
                            meters.counter("leadrelay.router.reassignments", "reason", why == null ? "reopened" : why).increment();
                        }
                        log.info("lead {} offered to partner {} (attempt {}, score {})", current.leadId(), partner.id(), number,
                                "%.1f".formatted(ranked.score().total()));
                    }, number == 1 ? "assigned" : "reassigned");
        }
        Map<String, Integer> counts = new HashMap<>(chosen.passedOverCounts());
        counts.merge("capacity", full.size(), Integer::sum);
        List<PassedOver> passedOver = new ArrayList<>(full);
        passedOver.addAll(chosen.passedOver());
        return unroutable(current, Unroutable.CAPACITY_TAKEN, "every eligible partner's capacity was taken", passedOver, counts, routed, now);
    }

    private Step unroutable(LeadCase current, Unroutable why, String reason, List<PassedOver> passedOver, Map<String, Integer> counts,
            int attempts, Instant now) {
        LeadUnroutable event = new LeadUnroutable(current.leadId(), reason, passedOver.stream().limit(20).toList(), now, counts, attempts);
        return new Step(State.UNROUTABLE, List.of(), reason,
                List.of(new PendingEvent(EventIds.derived("unroutable", current.leadId(), current.version()), event)), () -> {
                }, () -> {
                    meters.counter("leadrelay.router.unroutable", "reason", why.category).increment();
                    log.info("lead {} unroutable: {}", current.leadId(), reason);
                }, "unroutable");
    }

    private Map<UUID, Standing> standings(List<RoutablePartner> candidates, Instant now) {
        List<UUID> ids = candidates.stream().map(RoutablePartner::id).toList();
        Map<UUID, PartnerLoads.Load> load = loads.of(ids, week(now));
        Map<UUID, PartnerRecords.Record> record = records.of(ids, now);
        Map<UUID, Standing> standings = new HashMap<>();
        for (UUID id : ids) {
            PartnerLoads.Load l = load.getOrDefault(id, PartnerLoads.Load.NONE);
            PartnerRecords.Record r = record.getOrDefault(id, PartnerRecords.Record.NONE);
            standings.put(id, new Standing(l.open(), l.thisWeek(), r.offers(), r.accepts(), r.medianAnswerTime(), r.recentLeads()));
        }
        return standings;
    }

    private void count(Step step) {
        meters.counter("leadrelay.router.decisions", "outcome", step.outcome()).increment();
    }

    private static PendingEvent pending(String what, UUID assignmentId, AssignmentEvent event) {
        return new PendingEvent(EventIds.derived(what, assignmentId), event);
    }

    /** The ISO week of the instant, in UTC ({@code 2026-W48}), which weekly capacities count. */
    public static String week(Instant instant) {
        var date = instant.atZone(ZoneOffset.UTC);
        return date.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /**
     * One step of a lead's life, not yet stored.
     *
     * @param undo  what to take back if storing it loses a race (a capacity reservation)
     * @param after what to do once it is stored (release capacity, record stats, schedule deadlines)
     */
    /** Why a lead went to the operators' queue, as counted ({@code leadrelay_router_unroutable_total{reason}}). */
    enum Unroutable {
        NOBODY_ELIGIBLE("nobody-eligible"), CAPACITY_TAKEN("capacity-taken"), ATTEMPTS_EXHAUSTED("attempts-exhausted");

        final String category;

        Unroutable(String category) {
            this.category = category;
        }
    }

    record Step(State state, List<Attempt> attempts, String reason, List<PendingEvent> events, Runnable undo, Runnable after,
            String outcome) {
    }
}
