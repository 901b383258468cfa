package org.leadrelay.router.assignment;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.leadrelay.router.assignment.LeadCase.Attempt;
import org.leadrelay.router.assignment.LeadCase.Change;
import org.springframework.stereotype.Component;

/**
 * What a lead's change brings about outside its case, read from the change itself: a new offer's
 * deadline timer, set before the change is written; once it is written, each settled offer's
 * consequence (a partner's place given back, its answer recorded, an accepted lead's release timer)
 * and the new offer's record; and, when the write lost a race, the new offer's reservation taken
 * back (unless the winner made the same offer). Every step may run twice: a timer that fires after a crash runs the settled offer's again
 * ({@link #repair}).
 */
@Component
class SeeingToConsequences {

    private final LeadCases cases;
    private final PartnerLoads loads;
    private final PartnerRecords records;
    private final Deadlines deadlines;
    private final RouterProperties properties;

    SeeingToConsequences(LeadCases cases, PartnerLoads loads, PartnerRecords records, Deadlines deadlines, RouterProperties properties) {
        this.cases = cases;
        this.loads = loads;
        this.records = records;
        this.deadlines = deadlines;
        this.properties = properties;
    }

    /**
     * Before the write: a new offer's deadline timer. Timed first, so that if the process dies
     * before the lead is stored, the timer gives the reserved place back.
     */
    void beforeStoring(Change change) {
        change.offer().ifPresent(offer -> deadlines.schedule(
                Deadlines.Timer.expiry(change.next().leadId(), offer.assignmentId(), offer.partnerId(), offer.respondBy())));
    }

    /**
     * Another change got there first: the new offer was never stored, so its reserved place goes
     * back, unless the change stored instead made the very same offer. An offer's id comes from the
     * lead and the offer's number, so two instances that chose the same partner share one
     * reservation, and it is the winner's.
     */
    void lost(Change change) {
        change.offer().filter(offer -> !heldByTheWinner(change.next().leadId(), offer))
                .ifPresent(offer -> loads.cancel(offer.partnerId(), offer.assignmentId(), PartnerLoads.week(offer.offeredAt())));
    }

    private boolean heldByTheWinner(UUID leadId, Attempt offer) {
        return cases.find(leadId).flatMap(stored -> stored.attempt(offer.assignmentId()))
                .filter(stored -> stored.partnerId().equals(offer.partnerId())).isPresent();
    }

    /** After the write: each settled offer's consequences, then the new offer's record. */
    void stored(Change change) {
        for (Attempt settled : change.settled()) {
            Duration took = Duration.between(settled.offeredAt(), settled.answeredAt());
            switch (settled.outcome()) {
                case ACCEPTED -> {
                    records.answered(settled.partnerId(), settled.assignmentId(), true, took, settled.answeredAt());
                    holdAccepted(change.next().leadId(), settled);
                }
                case DECLINED, EXPIRED -> {
                    loads.release(settled.partnerId(), settled.assignmentId());
                    records.answered(settled.partnerId(), settled.assignmentId(), false, took, settled.answeredAt());
                }
                case WITHDRAWN -> loads.release(settled.partnerId(), settled.assignmentId());
                default -> throw new IllegalStateException("offer " + settled.assignmentId() + " is not settled");
            }
        }
        change.offer().ifPresent(offer -> records.offered(offer.partnerId(), offer.assignmentId(), offer.offeredAt()));
    }

    /**
     * An offer's timer found it settled: what the settlement's write should have been followed by,
     * again, in case the process died in between (an accepted lead's release timer, a settled
     * offer's place given back). Doing it twice changes nothing.
     */
    void repair(UUID leadId, Attempt settled) {
        if (settled.outcome() == LeadCase.Outcome.ACCEPTED) {
            holdAccepted(leadId, settled);
        } else {
            loads.release(settled.partnerId(), settled.assignmentId());
        }
    }

    /**
     * An offer's timer found no such offer: its place was reserved, then the process died before the
     * lead was stored. The place was taken this week or the one before (an answer deadline is
     * shorter than a week), and giving back what is not held does nothing.
     */
    void neverStored(UUID partnerId, UUID assignmentId, Instant now) {
        loads.cancel(partnerId, assignmentId, PartnerLoads.week(now));
        loads.cancel(partnerId, assignmentId, PartnerLoads.week(now.minus(Duration.ofDays(7))));
    }

    /** An accepted lead counts against its partner's capacity for a while, then its release timer frees the place. */
    private void holdAccepted(UUID leadId, Attempt accepted) {
        deadlines.schedule(Deadlines.Timer.release(leadId, accepted.assignmentId(), accepted.partnerId(),
                accepted.answeredAt().plus(properties.acceptedLeadHold())));
    }
}
