package org.leadrelay.events;

import java.util.Objects;
import java.util.UUID;

/**
 * A lead's id, the same in every service: intake gives it when the lead is received. Typed, so a call
 * taking several ids cannot be handed them in the wrong order; events carry the plain UUID.
 */
public record LeadId(UUID value) {

    public LeadId {
        Objects.requireNonNull(value, "lead id");
    }

    public static LeadId of(UUID value) {
        return new LeadId(value);
    }

    /** The UUID's own form, as in events, URLs and logs. */
    @Override
    public String toString() {
        return value.toString();
    }
}
