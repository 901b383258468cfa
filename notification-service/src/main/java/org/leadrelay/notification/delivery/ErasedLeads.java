package org.leadrelay.notification.delivery;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The leads whose person asked to be erased: what this service keeps to prove the erasure (the
 * lead id, when it was erased, when it was done here) and to send nothing more of them, should an
 * offer or an acceptance of the lead arrive after its erasure (the topics are not ordered with
 * each other).
 */
public interface ErasedLeads {

    /** Records the erasure; false when it was recorded before (its first time stands). */
    boolean add(UUID leadId, Instant erasedAt);

    /** Whether the lead was erased: one exact key lookup. */
    boolean contains(UUID leadId);

    /** Records that this service's part is done, with what it did; the first record stands. */
    void done(UUID leadId, String summary, Instant at);

    Optional<Erased> find(UUID leadId);

    /** @param doneAt when this service's part was done; null while it is not */
    record Erased(UUID leadId, Instant erasedAt, Instant doneAt, String summary) {
    }
}
