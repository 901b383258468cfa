package org.leadrelay.console.flow;

import java.util.Map;
import org.leadrelay.events.EventTypes;

/** What the live flow counts per minute, and which event counts as each. */
public enum FlowKind {
    RECEIVED(EventTypes.LEAD_RECEIVED),
    ASSIGNED(EventTypes.LEAD_ASSIGNED),
    REASSIGNED(EventTypes.LEAD_REASSIGNED),
    ACCEPTED(EventTypes.LEAD_ACCEPTED),
    DECLINED(EventTypes.LEAD_DECLINED),
    EXPIRED(EventTypes.LEAD_ASSIGNMENT_EXPIRED),
    UNROUTABLE(EventTypes.LEAD_UNROUTABLE);

    private static final Map<String, FlowKind> BY_TYPE = Map.of(RECEIVED.type, RECEIVED, ASSIGNED.type, ASSIGNED, REASSIGNED.type, REASSIGNED,
            ACCEPTED.type, ACCEPTED, DECLINED.type, DECLINED, EXPIRED.type, EXPIRED, UNROUTABLE.type, UNROUTABLE);

    private final String type;

    FlowKind(String type) {
        this.type = type;
    }

    /** The kind an event of this CloudEvents type counts as, or null when it is not counted. */
    public static FlowKind of(String type) {
        return BY_TYPE.get(type);
    }

    /** The name in the stored counts and the page's JSON: {@code received}, {@code assigned}, ... */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
