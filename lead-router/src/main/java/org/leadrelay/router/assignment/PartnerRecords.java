package org.leadrelay.router.assignment;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** How partners have answered and how many leads they got lately: what responsiveness and fairness are scored on. */
public interface PartnerRecords {

    /** Counts an offer made to the partner. */
    void offered(UUID partnerId, UUID assignmentId, Instant at);

    /** Records how the partner answered an offer (accepted, declined, or expired after {@code took}). */
    void answered(UUID partnerId, UUID assignmentId, boolean accepted, Duration took, Instant at);

    /** Each partner's record, as of {@code now}. */
    Map<UUID, Record> of(Collection<UUID> partnerIds, Instant now);

    /**
     * @param offers           answered or expired offers, each weighted by how recent it is (halving every half-life)
     * @param accepts          accepted ones, weighted the same way
     * @param medianAnswerTime over the latest answers, null when none
     * @param recentLeads      offers made within the fairness window
     */
    record Record(double offers, double accepts, Duration medianAnswerTime, double recentLeads) {
        public static final Record NONE = new Record(0, 0, null, 0);
    }
}
