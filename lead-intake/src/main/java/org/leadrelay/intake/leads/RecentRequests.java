package org.leadrelay.intake.leads;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Who asked for what recently, by a fingerprint that holds no personal data in clear. */
public interface RecentRequests {

    /**
     * Claims the fingerprint for this lead unless another lead claimed it within the window.
     *
     * @return the earlier lead when this one repeats it
     */
    Optional<UUID> claim(String fingerprint, UUID leadId, Instant at, Duration window);

    /** Forgets the fingerprint if this lead claimed it (a duplicate's fingerprint belongs to the lead it repeats). */
    void forget(String fingerprint, UUID leadId);

    /**
     * Forgets those of the fingerprints last seen before {@code before}; one seen again since stays.
     *
     * @return the fingerprints still there, seen at or after {@code before}, with when they were seen
     */
    java.util.Map<String, Instant> forgetSeenBefore(java.util.Collection<String> fingerprints, Instant before);
}
