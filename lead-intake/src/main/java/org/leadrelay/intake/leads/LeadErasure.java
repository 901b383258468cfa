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
 * @param reason      why the lead is erased: the person asked, withdrew their consent, or the
 *                    lead's retention ran out
 * @param requestedBy the operator account that asked (a local account's name, or a JWT's subject)
 * @param erasedAt    when intake's copy of the person's data was removed; null until then
 * @param publishedAt when the broker acknowledged {@code LeadErased}; null until then
 */
public record LeadErasure(UUID erasureId, UUID leadId, RequestedAs requestedAs, Reason reason, String requestedBy, Instant requestedAt,
        Instant erasedAt, Instant publishedAt) {

    /** How the operator named the lead. */
    public enum RequestedAs {
        LEAD_ID, EMAIL;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Why a lead is erased. */
    public enum Reason {
        /** The person asked to be forgotten (GDPR Art. 17). */
        REQUEST,
        /** The person withdrew the consent the lead was sent under (Art. 7(3)): nothing of it may be kept. */
        CONSENT_WITHDRAWN,
        /** The lead is older than its retention ({@code leadrelay.intake.retention.leads}). */
        RETENTION;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The reason named by its label, for example {@code consent-withdrawn}. */
        public static java.util.Optional<Reason> ofLabel(String label) {
            return java.util.Arrays.stream(values()).filter(reason -> reason.label().equals(label)).findFirst();
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
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (requestedBy == null || requestedBy.isBlank()) {
            throw new IllegalArgumentException("requestedBy is required: an erasure is always some operator's act, or the retention's");
        }
        if (!idOf(leadId).equals(erasureId)) {
            throw new IllegalArgumentException("erasure " + erasureId + " is not lead " + leadId + "'s");
        }
        if (publishedAt != null && erasedAt == null) {
            throw new IllegalArgumentException("LeadErased is published only once the data is erased");
        }
    }

    /** A new request to erase the lead. */
    public static LeadErasure requested(UUID leadId, RequestedAs requestedAs, Reason reason, String requestedBy, Instant at) {
        return new LeadErasure(idOf(leadId), leadId, requestedAs, reason, requestedBy, at, null, null);
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
