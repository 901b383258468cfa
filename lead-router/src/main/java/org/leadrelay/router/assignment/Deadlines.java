package org.leadrelay.router.assignment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Timers the router must act on: an offer's answer deadline, and when an accepted lead stops
 * counting against its partner's capacity. Stored, so they survive restarts, and claimed with a
 * lease, so each fires on one instance; a timer whose instance died is claimed again when its
 * lease runs out, and acting on it twice changes nothing.
 */
public interface Deadlines {

    /** Schedules the timer; scheduling the same one twice keeps one. */
    void schedule(Timer timer);

    /** Due timers that nobody holds, claimed for {@code lease} by {@code owner}; at most {@code limit}. */
    List<Timer> claimDue(Instant now, Duration lease, String owner, int limit);

    /** The timer is done and never fires again. */
    void done(String timerId);

    /** Timers not yet done (for operators and tests). */
    long open();

    /**
     * How far the watch is behind: from the oldest second whose timers it has not all fired (a
     * keyed read of its cursor) to {@code now}, less the settling time every second is given.
     * Zero while it keeps up.
     */
    Duration behind(Instant now);

    /** What to do when. */
    record Timer(String id, Kind kind, UUID leadId, UUID assignmentId, UUID partnerId, Instant dueAt) {

        public static Timer expiry(UUID leadId, UUID assignmentId, UUID partnerId, Instant dueAt) {
            return new Timer(assignmentId + ":expire", Kind.EXPIRE_OFFER, leadId, assignmentId, partnerId, dueAt);
        }

        public static Timer release(UUID leadId, UUID assignmentId, UUID partnerId, Instant dueAt) {
            return new Timer(assignmentId + ":release", Kind.RELEASE_CAPACITY, leadId, assignmentId, partnerId, dueAt);
        }
    }

    enum Kind {
        EXPIRE_OFFER, RELEASE_CAPACITY
    }
}
