package org.leadrelay.console.leads;

/** Where a lead stands, as its events say, in the order an operator reads them. */
public enum LeadState {
    /** Received by intake, not yet routed. */
    RECEIVED,
    /** Offered to a partner, who has not answered yet. */
    OFFERED,
    /** The partner accepted it. */
    ACCEPTED,
    /** The partner declined; the router is looking for the next one. */
    DECLINED,
    /** The partner let the deadline pass; the router is looking for the next one. */
    EXPIRED,
    /** Nobody could take it: in the operators' queue. */
    UNROUTABLE,
    /** The person's data was erased. */
    ERASED
}
