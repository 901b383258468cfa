package org.leadrelay.router.responses;

import java.util.Optional;
import java.util.UUID;

/** The answers given, one per offer. */
public interface Answers {

    /** Stores the answer unless the offer was answered already; returns the answer now stored. */
    RecordedAnswer recordFirst(RecordedAnswer answer);

    Optional<RecordedAnswer> find(UUID assignmentId);

    void markPublished(RecordedAnswer answer);
}
