package org.leadrelay.intake.leads;

import java.time.Instant;
import java.util.UUID;

/**
 * Requests that carry an {@code Idempotency-Key} (IETF draft "The Idempotency-Key HTTP Header
 * Field"): the first request with a key is processed, a repeat with the same body is answered as
 * the first was, a repeat with another body is refused.
 */
public interface IdempotentRequests {

    /** Claims the key for a request with this body hash. */
    Claim claim(String key, String requestHash, Instant at);

    /** The request under the key produced this lead. */
    void complete(String key, UUID leadId);

    /** The request under the key failed: the key is free again. */
    void release(String key);

    /**
     * Forgets the key that produced this lead, if any: it ties the client's (hashed) address and a
     * hash of the request body to the lead. A repeat of that request afterwards is a new request.
     */
    void forget(UUID leadId);

    /**
     * Forgets those of the keys claimed before {@code before}; a key claimed again since stays.
     *
     * @return the keys still there, claimed at or after {@code before}, with when they were claimed
     */
    java.util.Map<String, Instant> forgetClaimedBefore(java.util.Collection<String> keys, Instant before);

    /** What claiming a key found. */
    sealed interface Claim {
        /** The key is new: process the request. */
        record Claimed() implements Claim {
        }

        /** The same request was processed before: answer as then. */
        record Replay(UUID leadId) implements Claim {
        }

        /** The key was used with another request body. */
        record Mismatch() implements Claim {
        }

        /** The same request is being processed right now. */
        record InProgress() implements Claim {
        }
    }
}
