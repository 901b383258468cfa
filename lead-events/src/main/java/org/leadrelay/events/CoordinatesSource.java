package org.leadrelay.events;

/** Where a lead's coordinates come from, so a consumer knows how far to trust them. */
public enum CoordinatesSource {
    /** Sent with the lead. */
    PROVIDED,
    /** Looked up from the lead's city in the gazetteer. */
    GAZETTEER,
    /** The lead names a place the gazetteer does not know: no coordinates. */
    UNKNOWN_PLACE,
    /** The lead names no city: no coordinates. */
    NO_PLACE
}
