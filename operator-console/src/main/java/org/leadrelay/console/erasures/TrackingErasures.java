package org.leadrelay.console.erasures;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.leadrelay.console.deadletters.DeadLetters;
import org.leadrelay.console.leads.LeadIndex;
import org.leadrelay.console.leads.LeadStories;
import org.leadrelay.console.leads.LeadStory;
import org.leadrelay.events.ErasureEvent;
import org.leadrelay.events.LeadErased;
import org.leadrelay.events.LeadErasureCompleted;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each erasure to its end: {@code LeadErased} opens it (the console's own part is done once
 * the lead's story has recorded it and its dead letters are gone), each service's {@code LeadErasureCompleted} is noted, and it
 * closes when every configured service has reported. Open erasures past the deadline are counted
 * for the console and for the {@code leadrelay_console_erasures_overdue} gauge, refreshed every
 * 30 s.
 */
public class TrackingErasures {

    private static final Logger log = LoggerFactory.getLogger(TrackingErasures.class);
    static final int MOST_OPEN = 1000;

    private final Erasures erasures;
    private final DeadLetters deadLetters;
    private final ErasureProperties properties;
    private final Clock clock;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger overdue = new AtomicInteger();
    private final PeriodicTask counting;

    public TrackingErasures(Erasures erasures, DeadLetters deadLetters, ErasureProperties properties,
            Clock clock, MeterRegistry meters) {
        this.erasures = erasures;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("leadrelay.console.erasures.open", open, AtomicInteger::get)
                .description("erasures not yet reported done by every service").register(meters);
        Gauge.builder("leadrelay.console.erasures.overdue", overdue, AtomicInteger::get)
                .description("erasures not done everywhere past their deadline (leadrelay.console.erasures.deadline)").register(meters);
        this.counting = PeriodicTask.every(Duration.ofSeconds(30), "erasure-count", this::count);
    }

    /** The task that refreshes the gauges; a lifecycle bean. */
    public PeriodicTask counting() {
        return counting;
    }

    /** Notes a batch of erasure events, after the stories have recorded them. */
    public void record(List<? extends ErasureEvent> events) {
        for (ErasureEvent event : events) {
            if (event instanceof LeadErased erased) {
                long removed = deadLetters.removeOfKey(erased.leadId().toString());
                if (removed > 0) {
                    log.info("lead {} erased: {} of its dead letters removed", erased.leadId(), removed);
                }
                erasures.erased(erased.leadId(), erased.erasedAt(), clock.instant());
            } else if (event instanceof LeadErasureCompleted completed) {
                erasures.reported(completed.leadId(), completed.service(), completed.summary(), completed.completedAt());
            }
            Optional<Erasure> now = erasures.find(event.leadId());
            if (now.isPresent() && now.get().done(properties.services())) {
                erasures.closed(event.leadId());
                log.info("erasure of lead {} done everywhere, {} after it was asked", event.leadId(),
                        Duration.between(now.get().erasedAt(), now.get().doneAt(properties.services())));
            }
        }
    }

    public Optional<Erasure> find(UUID leadId) {
        return erasures.find(leadId);
    }

    /** The erasures still open, oldest first (at most 1,000). */
    public List<Erasure> open() {
        return erasures.open(MOST_OPEN);
    }

    public ErasureProperties properties() {
        return properties;
    }

    /** An erasure as a page shows it: each service's step, when it is due, whether it is late. */
    public record View(Erasure erasure, List<Erasure.Step> steps, java.time.Instant dueBy, boolean overdue, java.time.Instant doneAt) {
    }

    public View view(Erasure erasure) {
        return new View(erasure, erasure.steps(properties.services()), erasure.dueBy(properties.deadline()), overdue(erasure),
                erasure.doneAt(properties.services()));
    }

    /** Whether this open erasure is past its deadline now. */
    public boolean overdue(Erasure erasure) {
        return erasure.overdue(properties.services(), properties.deadline(), clock.instant());
    }

    void count() {
        List<Erasure> all = open();
        open.set(all.size());
        overdue.set((int) all.stream().filter(this::overdue).count());
    }
}
