package org.leadrelay.router.assignment;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.leadrelay.events.AssignmentEvent;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.Score;
import org.leadrelay.router.assignment.LeadCase.Attempt;
import org.leadrelay.router.assignment.LeadCase.Change;
import org.leadrelay.router.assignment.LeadCase.State;
import org.leadrelay.router.assignment.LeadCase.Unroutable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The assignment feature's meters, in one place (the only class of the feature that knows
 * Micrometer), and the log line of each stored change, naming ids only: every stored change is
 * counted from what it did ({@code leadrelay.router.decisions}, answers, times to accept and to
 * assign, reassignments, expiries, erasures, unroutable leads), and the deadline watch is gauged.
 * Series with tags known in advance are registered at 0 from the start, so dashboards and alerts
 * see them before their first event.
 */
@Component
class RouterMetrics {

    // the lines of a lead's life stay under the use case's name, where operators have always looked for them
    private static final Logger log = LoggerFactory.getLogger(ManagingAssignments.class);

    private final MeterRegistry meters;

    RouterMetrics(MeterRegistry meters, Deadlines deadlines, Clock clock) {
        this.meters = meters;
        meters.counter("leadrelay.router.expiries");
        meters.counter("leadrelay.router.erasures");
        for (Unroutable why : Unroutable.values()) {
            meters.counter("leadrelay.router.unroutable", "reason", why.category());
        }
        for (String reason : List.of("operator", "reopened")) {
            meters.counter("leadrelay.router.reassignments", "reason", reason);
        }
        Gauge.builder("leadrelay.router.deadlines.open", deadlines, Deadlines::open)
                .description("deadline timers not yet done: open offers' expiries and accepted leads' capacity releases").register(meters);
        Gauge.builder("leadrelay.router.deadlines.behind", deadlines, d -> d.behind(clock.instant()).toMillis() / 1000.0)
                .description("how far the deadline watch is behind the due timers (0 while it keeps up)").baseUnit("seconds")
                .register(meters);
    }

    /** Counts a stored change. */
    void stored(Change change) {
        LeadCase lead = change.next();
        if (lead.state() == State.ERASED) {
            meters.counter("leadrelay.router.erasures").increment();
            if (lead.lead() == null) {
                log.info("lead {} erased before it was received here: it will not be routed", lead.leadId());
            } else {
                log.info("lead {} erased: case anonymised{}", lead.leadId(), change.settled().isEmpty() ? "" : ", pending offer withdrawn");
            }
            return;
        }
        for (Attempt settled : change.settled()) {
            answered(lead, settled);
        }
        change.offer().ifPresent(offer -> offered(lead, offer));
        if (change.unroutable() != null) {
            meters.counter("leadrelay.router.unroutable", "reason", change.unroutable().category()).increment();
            log.info("lead {} unroutable: {}", lead.leadId(), lead.reason());
        }
        String decided = decision(change);
        if (decided != null) {
            meters.counter("leadrelay.router.decisions", "outcome", decided).increment();
        }
    }

    private void answered(LeadCase lead, Attempt settled) {
        switch (settled.outcome()) {
            case ACCEPTED -> {
                Duration took = Duration.between(settled.offeredAt(), settled.answeredAt());
                meters.counter("leadrelay.router.answers", "answer", "accept").increment();
                Timer.builder("leadrelay.router.time.to.accept").description("from an offer to the partner's acceptance")
                        .publishPercentiles(0.5, 0.95).register(meters).record(took);
                log.info("lead {} accepted by partner {} after {}", lead.leadId(), settled.partnerId(), took);
            }
            case DECLINED -> {
                meters.counter("leadrelay.router.answers", "answer", "decline").increment();
                log.info("lead {} declined by partner {}", lead.leadId(), settled.partnerId());
            }
            case EXPIRED -> {
                meters.counter("leadrelay.router.expiries").increment();
                log.info("offer {} of lead {} to partner {} expired", settled.assignmentId(), lead.leadId(), settled.partnerId());
            }
            default -> {
                // withdrawn for an operator's assignment: counted as that reassignment
            }
        }
    }

    private void offered(LeadCase lead, Attempt offer) {
        if (byOperator(offer)) {
            meters.counter("leadrelay.router.reassignments", "reason", "operator").increment();
            log.info("lead {} assigned by hand to partner {}", lead.leadId(), offer.partnerId());
            return;
        }
        if (offer.event() instanceof LeadReassigned reassigned) {
            meters.counter("leadrelay.router.reassignments", "reason", reassigned.reason()).increment();
        } else {
            Duration waited = Duration.between(lead.lead().receivedAt(), offer.offeredAt());
            Timer.builder("leadrelay.router.time.to.assign").description("from the lead's receipt at intake to its first offer")
                    .publishPercentiles(0.5, 0.95, 0.99).register(meters).record(waited.isNegative() ? Duration.ZERO : waited);
        }
        log.info("lead {} offered to partner {} (attempt {}, score {})", lead.leadId(), offer.partnerId(), offer.number(),
                "%.1f".formatted(score(offer.event()).total()));
    }

    /** What the router decided, as {@code leadrelay.router.decisions} counts it; null for a change that decides nothing. */
    private static String decision(Change change) {
        if (change.offered() != null) {
            return byOperator(change.offered()) ? "manual" : change.offered().number() == 1 ? "assigned" : "reassigned";
        }
        if (change.unroutable() != null) {
            return "unroutable";
        }
        return change.next().state() == State.ACCEPTED ? "accepted" : null;
    }

    private static boolean byOperator(Attempt offer) {
        return !LeadCase.ROUTER.equals(offer.assignedBy()) && !LeadCase.REOPEN.equals(offer.assignedBy());
    }

    private static Score score(AssignmentEvent event) {
        return event instanceof LeadAssigned assigned ? assigned.score() : ((LeadReassigned) event).score();
    }
}
