package org.leadrelay.intake.leads;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * The erasure of one lead: what remains of it in intake once the person's data is gone, and the
 * proof of that erasure. One per lead, under an id derived from the lead's, so asking twice finds
 * the first erasure instead of making a second one. It names no person: the lead id, how and by
 * which operator account it was asked, and when each step was done.
 *
 * @param erasureId   derived from the lead id ({@link #idOf})
 * @param requestedAs how the operator named the lead: by its id, or by the person's email
 * @param requestedBy the operator account that asked (a local account's name, or a JWT's subject)
 * @param erasedAt    when intake's copy of the person's data was removed; null until then
 * @param publishedAt when the broker acknowledged {@code LeadErased}; null until then
 */
public record LeadErasure(UUID erasureId, UUID leadId, RequestedAs requestedAs, String requestedBy, Instant requestedAt,
        Instant erasedAt, Instant publishedAt) {

    /** How the operator named the lead. */
    public enum RequestedAs {
        LEAD_ID, EMAIL;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Where an erasure stands. */
    public enum Status {
        /** Recorded; intake still holds the data (only while the request runs, or after a crash until the relay's sweep). */
        REQUESTED,
        /** Intake holds none of the person's data; LeadErased is on its way to the broker. */
        ERASED,
        /** Intake holds none of the person's data and the broker has LeadErased. */
        PUBLISHED
    }

    public LeadErasure {
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(requestedAs, "requestedAs");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (requestedBy == null || requestedBy.isBlank()) {
            throw new IllegalArgumentException("requestedBy is required: an erasure is always some operator's act");
        }
        if (!idOf(leadId).equals(erasureId)) {
            throw new IllegalArgumentException("erasure " + erasureId + " is not lead " + leadId + "'s");
        }
        if (publishedAt != null && erasedAt == null) {
            throw new IllegalArgumentException("LeadErased is published only once the data is erased");
        }
    }

    /** A new request to erase the lead. */
    public static LeadErasure requested(UUID leadId, RequestedAs requestedAs, String requestedBy, Instant at) {
        return new LeadErasure(idOf(leadId), leadId, requestedAs, requestedBy, at, null, null);
    }

    /** The id of a lead's erasure: the same every time it is asked for. */
    public static UUID idOf(UUID leadId) {
        return UUID.nameUUIDFromBytes(("lead-erasure|" + leadId).getBytes(StandardCharsets.UTF_8));
    }

    public Status status() {
        if (publishedAt != null) {
            return Status.PUBLISHED;
        }
        return erasedAt != null ? Status.ERASED : Status.REQUESTED;
    }
}
