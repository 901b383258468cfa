package org.leadrelay.events;

/** How a partner is told of a lead. */
public enum Channel {
    EMAIL,
    WEBHOOK
}
