package org.leadrelay.router.assignment;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.leadrelay.events.AssignmentEvent;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.LeadUnroutable;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.kit.outbox.Outbox;
import org.leadrelay.router.partners.PartnerCopies;
import org.leadrelay.router.routing.RoutingDecision;
import org.leadrelay.router.routing.RoutingPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Routes a received lead: decides, stores the decision once per lead, publishes what it caused.
 * A redelivered lead finds its stored decision: if its event was not yet acknowledged it is
 * published again under the same id, otherwise nothing happens. So a crash between storing and
 * publishing loses nothing, and no lead is decided twice.
 */
@Service
public class AssigningLead {

    private static final Logger log = LoggerFactory.getLogger(AssigningLead.class);

    private final PartnerCopies partners;
    private final Routings routings;
    private final Outbox outbox;
    private final RouterProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final RoutingPolicy policy = new RoutingPolicy();

    AssigningLead(PartnerCopies partners, Routings routings, Outbox outbox, RouterProperties properties, Clock clock,
            MeterRegistry meters) {
        this.partners = partners;
        this.routings = routings;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    public Routing route(LeadReceived lead) {
        Routing stored = routings.find(lead.leadId()).orElseGet(() -> routings.storeFirst(decide(lead)));
        if (stored.published()) {
            log.debug("lead {} already routed and published", lead.leadId());
            return stored;
        }
        if (outbox.publish(outbox.envelope(stored.eventId(), stored.event()))) {
            routings.markPublished(lead.leadId());
        }
        return stored;
    }

    private Routing decide(LeadReceived lead) {
        Instant now = clock.instant();
        RoutingDecision decision = policy.decide(lead, partners.coveringCountry(lead.location().country()), java.util.Map.of(),
                java.util.Map.of(), now);
        AssignmentEvent event;
        if (decision instanceof RoutingDecision.Chosen chosen) {
            var first = chosen.ranked().get(0);
            var fallbacks = chosen.ranked().stream().skip(1).limit(3).map(ranked -> new org.leadrelay.events.Fallback(ranked.partner().id(),
                    ranked.partner().name(), ranked.score().total(), ranked.score().components())).toList();
            event = new LeadAssigned(lead.leadId(), EventIds.derived("assignment", lead.leadId(), 1),
                    first.partner().id(), first.partner().name(), 1, first.score(), fallbacks,
                    chosen.passedOver(), lead.brief(), now, now.plus(properties.responseTime()), chosen.passedOverCounts());
            log.info("lead {} assigned to partner {} with score {}", lead.leadId(), first.partner().id(), first.score().total());
            meters.counter("leadrelay.router.decisions", "outcome", "assigned").increment();
        } else {
            RoutingDecision.Nobody nobody = (RoutingDecision.Nobody) decision;
            event = new LeadUnroutable(lead.leadId(), nobody.reason(), nobody.passedOver(), now);
            log.info("lead {} unroutable: {}", lead.leadId(), nobody.reason());
            meters.counter("leadrelay.router.decisions", "outcome", "unroutable").increment();
        }
        return new Routing(lead.leadId(), EventIds.derived("routed", lead.leadId()), event, false);
    }
}
