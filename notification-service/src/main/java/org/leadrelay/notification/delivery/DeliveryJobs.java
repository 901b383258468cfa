package org.leadrelay.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The deliveries still to be made, with when each may next be attempted. Several instances share
 * them: an instance claims a due job with a lease, and a job whose lease expired (its instance died
 * mid-attempt) is due again.
 */
public interface DeliveryJobs {

    /**
     * Stores a new job, due now, for any instance to claim.
     *
     * @return false when a job with its key is pending already
     */
    boolean add(DeliveryJob job);

    /**
     * Stores a new job already claimed by this instance, whose first attempt starts at once.
     *
     * @return the claim, or empty when a job with its key is pending already
     */
    Optional<Claim> addClaimed(DeliveryJob job, Instant now, Duration lease, String owner);

    /**
     * Claims up to {@code limit} jobs due at {@code now}, each with one more attempt counted.
     *
     * @param busy jobs this instance is attempting already, whose lease may have run out meanwhile
     */
    List<Claim> claimDue(Instant now, Duration lease, String owner, int limit, java.util.Set<String> busy);

    /**
     * Releases a claimed job for its next attempt, adding the failed attempt's {@code events} to the
     * job's pending events in the same write; false when the claim was lost (the job was cancelled
     * or re-claimed), and then nothing is stored.
     */
    boolean retryAt(Claim claim, Instant dueAt, String lastError, List<DeliveryJob.PendingEvent> events);

    /**
     * Releases a claimed job that was not attempted after all, without counting the attempt.
     *
     * @param reason why, shown as its last error; null to leave the last error as it was
     */
    boolean postpone(Claim claim, Instant dueAt, String reason);

    /**
     * Records in the claimed job how it ended, before anything is done about that: an instance that
     * stops after this, at any point, leaves the outcome to the next claim of the job (once the
     * lease runs out), which completes what was not done ({@link Claim#settled()}) instead of
     * attempting again. Drops the job's content, which is no longer needed, and adds the events the
     * end causes to the job's pending events in the same write.
     *
     * @return false when the claim was lost (the job was cancelled, or re-claimed after its lease)
     */
    boolean settle(Claim claim, Settlement settlement, List<DeliveryJob.PendingEvent> events, Instant now, Duration lease);

    /**
     * Removes a claimed job whose end was settled and seen to, and none of whose events is pending any
     * more (the caller published them); false when the claim was lost, or when events were added
     * meanwhile (the job then stays for the relay to publish them and its next claim to finish it).
     */
    boolean finish(Claim claim);

    /**
     * Adds events to the job's pending ones whoever holds it: the events of an attempt made under a
     * claim that was lost meanwhile (the job was cancelled, or re-claimed after its lease). A job
     * that is gone already comes back without its content, holding only the events, under the lease
     * {@link #EVENTS_ONLY} that no claim takes: the relay publishes them and removes it.
     */
    void hold(DeliveryJob job, List<DeliveryJob.PendingEvent> events, Instant now);

    /** The job under {@code id} as stored, with its lease and its pending events; empty when it is gone. */
    Optional<Stored> find(String id);

    /**
     * Settles a pending job as cancelled whatever its state, if it is still as {@code current} was
     * read, taking the claim from an instance that may be attempting it (its own settling then
     * fails), with the cancellation's {@code events} added to its pending events.
     *
     * @param lease how long the claim on the cancelled job holds
     * @param token the new claim's token
     * @return the claim on the cancelled job, to complete and finish; empty when the job changed
     *         since it was read
     */
    Optional<Claim> cancel(Stored current, Settlement cancelled, List<DeliveryJob.PendingEvent> events, Instant now, Duration lease,
            String owner, String token);

    /** Drops the {@code published} events from the job's pending ones; events added meanwhile stay. */
    void clearPending(String id, List<java.util.UUID> published);

    /** Pending jobs that failed at least once, soonest retry first. */
    List<DeliveryJob> failing(int limit);

    /** Every pending job, for the gauges; the collection holds only pending work, so it stays small. */
    List<DeliveryJob> pending();

    /**
     * A job this instance holds until {@code lease} expires.
     *
     * @param job     the job with this attempt counted
     * @param lease   the token that proves the claim
     * @param settled how the job ended, when an instance settled it and stopped before finishing it;
     *                null for a job to attempt
     */
    record Claim(DeliveryJob job, String lease, Settlement settled) {

        public Claim(DeliveryJob job, String lease) {
            this(job, lease, null);
        }
    }

    /**
     * A job as stored.
     *
     * @param lease   the token of whoever holds it; null when nobody does
     * @param settled how it ended, once it did; null while it is pending
     * @param pending the events its changes caused that the broker has not acknowledged yet, in order
     */
    /** The lease of a job put back only to hold the events of a lost claim ({@link #hold}); the relay finishes it. */
    String EVENTS_ONLY = "events-only";

    record Stored(DeliveryJob job, String lease, Settlement settled, List<DeliveryJob.PendingEvent> pending) {

        public Stored {
            pending = List.copyOf(pending);
        }
    }

    /**
     * How a delivery ended, as recorded in its job before the log, the metrics, the event and the
     * operators' alert are seen to.
     *
     * @param state    DELIVERED, FAILED or CANCELLED
     * @param outcome  the metric's outcome: delivered, exhausted, refused or cancelled
     * @param attempts the attempts made; the event's id is derived from it, so recording the
     *                 settlement again records the same event
     * @param reason   why it failed or was cancelled; null when delivered
     * @param target   where it went, as the log shows it; null for a cancellation
     */
    record Settlement(DeliveryState state, String outcome, int attempts, String reason, String target, Instant at) {
    }
}
