package org.leadrelay.router.responses;

/** What a partner can say to a lead offered to it. */
public enum Answer {
    ACCEPT,
    DECLINE
}
