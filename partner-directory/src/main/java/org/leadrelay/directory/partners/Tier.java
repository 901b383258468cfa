package org.leadrelay.directory.partners;

/** A partner's level in the vendor's programme, highest first. */
public enum Tier {
    PLATINUM,
    GOLD,
    SILVER,
    REGISTERED
}
