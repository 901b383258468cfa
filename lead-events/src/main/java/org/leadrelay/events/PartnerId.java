package org.leadrelay.events;

import java.util.Objects;
import java.util.UUID;

/**
 * A partner's id, the same in every service: the directory gives it when the partner is registered. Typed, so a call
 * taking several ids cannot be handed them in the wrong order; events carry the plain UUID.
 */
public record PartnerId(UUID value) {

    public PartnerId {
        Objects.requireNonNull(value, "partner id");
    }

    public static PartnerId of(UUID value) {
        return new PartnerId(value);
    }

    /** The UUID's own form, as in events, URLs and logs. */
    @Override
    public String toString() {
        return value.toString();
    }
}
