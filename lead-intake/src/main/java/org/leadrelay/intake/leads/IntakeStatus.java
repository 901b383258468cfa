package org.leadrelay.intake.leads;

/** Where a lead stands in intake. */
public enum IntakeStatus {
    /** Stored, its LeadReceived not yet acknowledged by the broker. */
    RECEIVED,
    /** Stored and published on leads.received.v2. */
    PUBLISHED,
    /** The same person asked for the same thing recently: recorded, not published again. */
    DUPLICATE
}
