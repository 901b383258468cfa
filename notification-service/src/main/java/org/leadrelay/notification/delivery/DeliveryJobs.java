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

    /** Releases a claimed job for its next attempt; false when the claim was lost (the job was cancelled or re-claimed). */
    boolean retryAt(Claim claim, Instant dueAt, String lastError);

    /**
     * Releases a claimed job that was not attempted after all, without counting the attempt.
     *
     * @param reason why, shown as its last error; null to leave the last error as it was
     */
    boolean postpone(Claim claim, Instant dueAt, String reason);

    /** Removes a claimed job that ended; false when the claim was lost. */
    boolean finish(Claim claim);

    /** Removes a pending job whatever its state; the removed job, if there was one. */
    Optional<DeliveryJob> cancel(String id);

    /** Pending jobs that failed at least once, soonest retry first. */
    List<DeliveryJob> failing(int limit);

    /** Every pending job, for the gauges; the collection holds only pending work, so it stays small. */
    List<DeliveryJob> pending();

    /**
     * A job this instance holds until {@code lease} expires.
     *
     * @param job   the job with this attempt counted
     * @param lease the token that proves the claim
     */
    record Claim(DeliveryJob job, String lease) {
    }
}
