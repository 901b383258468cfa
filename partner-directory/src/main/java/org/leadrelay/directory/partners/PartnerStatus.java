package org.leadrelay.directory.partners;

/** Where a partner stands in the programme; only an active partner receives leads. */
public enum PartnerStatus {
    /** Registered, not yet taking leads (contracts, training, webhook set-up). */
    ONBOARDING,
    /** Takes leads. */
    ACTIVE,
    /** Takes no leads for a while, by its own choice or an operator's; it can resume itself. */
    PAUSED,
    /** Takes no leads until an operator lifts it; the partner cannot resume itself. */
    SUSPENDED
}
