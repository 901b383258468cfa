package org.leadrelay.events;

import java.util.Objects;
import java.util.UUID;

/**
 * An offer's id: one attempt at placing a lead with one partner (derived from the lead and the attempt's number). Typed, so a call
 * taking several ids cannot be handed them in the wrong order; events carry the plain UUID.
 */
public record AssignmentId(UUID value) {

    public AssignmentId {
        Objects.requireNonNull(value, "assignment id");
    }

    public static AssignmentId of(UUID value) {
        return new AssignmentId(value);
    }

    /** The UUID's own form, as in events, URLs and logs. */
    @Override
    public String toString() {
        return value.toString();
    }
}
