package org.leadrelay.notification.delivery;

import java.util.Locale;

/** What a delivery tells. */
public enum DeliveryKind {
    /** a lead offered to the partner (LeadAssigned, LeadReassigned) */
    OFFER,
    /** the customer's contact details for the partner that accepted (LeadAccepted) */
    ACCEPTANCE,
    /** an offer to the partner is over: it expired or the lead went to another partner */
    WITHDRAWAL,
    /** the customer behind a lead the partner was told of asked to be erased: delete what you hold of them (LeadErased) */
    ERASURE,
    /** a message to the operators: a delivery gave up, an endpoint was disabled */
    OPERATOR_ALERT;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
