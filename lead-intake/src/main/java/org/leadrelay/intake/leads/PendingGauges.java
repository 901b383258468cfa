package org.leadrelay.intake.leads;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pending gauges show: the store's count of unpublished leads and the age of the oldest,
 * read when a scrape asks, at most once a second however many meters and scrapers ask. A store
 * that cannot answer gives NaN (no value), not a stale one.
 */
final class PendingGauges {

    private static final Logger log = LoggerFactory.getLogger(PendingGauges.class);
    private static final Duration FRESH = Duration.ofSeconds(1);

    private final Supplier<PendingLeads> pending;
    private final Clock clock;
    private Instant readAt = Instant.MIN;
    private PendingLeads last;

    PendingGauges(Supplier<PendingLeads> pending, Clock clock) {
        this.pending = pending;
        this.clock = clock;
    }

    double count() {
        PendingLeads pending = read();
        return pending == null ? Double.NaN : pending.count();
    }

    double oldestSeconds() {
        PendingLeads pending = read();
        return pending == null ? Double.NaN : pending.oldestAge(clock.instant()).toMillis() / 1000.0;
    }

    private synchronized PendingLeads read() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(readAt.plus(FRESH))) {
            try {
                last = pending.get();
                readAt = now;
            } catch (RuntimeException e) {
                log.warn("cannot read the pending leads for the metrics: {}", e.getMessage());
                last = null;
                readAt = Instant.MIN;
            }
        }
        return last;
    }
}
