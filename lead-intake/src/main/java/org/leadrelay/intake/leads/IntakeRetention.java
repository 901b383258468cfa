package org.leadrelay.intake.leads;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.leadrelay.kit.retention.Expiries;
import org.leadrelay.kit.retention.ExpiryWheels;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What intake stores goes after its retention: a lead is erased everywhere once it is older than
 * {@code leadrelay.intake.retention.leads} (an erasure like an operator's, reason
 * {@code retention}, so the router, the notification service and the console forget it too); an
 * Idempotency-Key after {@code idempotency-keys}; the fingerprint duplicate detection keeps after
 * the duplicate window. Each is scheduled when it is stored, in service-kit's {@link Expiries}, so
 * finding the expired ones reads a few slots by key, whatever the number stored.
 */
@Component
public class IntakeRetention {

    /** When a lead whose erasure failed is tried again. */
    static final Duration RETRY = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(IntakeRetention.class);

    private final Expiries leads;
    private final Expiries keys;
    private final Expiries requests;
    private final RetentionProperties retention;
    private final IntakeProperties intake;
    private final PeriodicTask leadSweeper;
    private final PeriodicTask keySweeper;
    private final PeriodicTask requestSweeper;
    private final Clock clock;
    private final Counter failures;

    IntakeRetention(ExpiryWheels wheels, Clock clock, RetentionProperties retention, IntakeProperties intake, MeterRegistry meters,
            ErasingLeads erasing, IdempotentRequests idempotentRequests, RecentRequests recentRequests) {
        this.retention = retention;
        this.intake = intake;
        this.failures = Counter.builder("leadrelay.retention.failures").tag("kind", "leads")
                .description("Expired leads whose erasure failed, to be tried again").register(meters);
        this.leads = wheels.of("leads", retention.slot());
        this.keys = wheels.of("idempotency-keys", retention.slot());
        this.requests = wheels.of("recent-requests", retention.slot());
        this.leadSweeper = leads.sweeper(retention.sweepInterval(), meters, ids -> ids.forEach(id -> eraseExpired(erasing, (UUID) id)));
        this.keySweeper = keys.sweeper(retention.sweepInterval(), meters, ids -> idempotentRequests.forgetClaimedBefore(strings(ids),
                clock.instant().minus(retention.idempotencyKeys())).forEach(this::keyClaimed));
        this.requestSweeper = requests.sweeper(retention.sweepInterval(), meters, ids -> recentRequests.forgetSeenBefore(strings(ids),
                clock.instant().minus(intake.duplicateWindow())).forEach(this::requestSeen));
        this.clock = clock;
    }

    /**
     * One lead past its retention. A failure of this lead alone (not of the database: rescheduling
     * then fails too, and the slot is handed over again) does not hold up the others: it is tried
     * again {@link #RETRY} later, logged and counted.
     */
    private void eraseExpired(ErasingLeads erasing, UUID leadId) {
        try {
            erasing.eraseExpired(leadId);
        } catch (RuntimeException e) {
            leads.expireAt(leadId, clock.instant().plus(RETRY));
            failures.increment();
            log.warn("lead {} past its retention could not be erased, trying again in {}: {}", leadId, RETRY, e.toString());
        }
    }

    /** A lead about to be stored: it is erased once its retention has run out. */
    void leadStored(UUID leadId, Instant receivedAt) {
        leads.expireAt(leadId, receivedAt.plus(retention.leads()));
    }

    /** An Idempotency-Key claimed now: forgotten after its lifetime, unless claimed again since. */
    public void keyClaimed(String key, Instant at) {
        keys.expireAt(key, at.plus(retention.idempotencyKeys()));
    }

    /** A request fingerprint recorded: forgotten after the duplicate window, unless seen again since. */
    void requestSeen(String fingerprint, Instant at) {
        requests.expireAt(fingerprint, at.plus(intake.duplicateWindow()));
    }

    /** The background loops, registered as beans (each starts and stops with the context). */
    PeriodicTask leadSweeper() {
        return leadSweeper;
    }

    PeriodicTask keySweeper() {
        return keySweeper;
    }

    PeriodicTask requestSweeper() {
        return requestSweeper;
    }

    private static List<String> strings(List<Object> ids) {
        return ids.stream().map(String.class::cast).toList();
    }
}
