package org.leadrelay.intake.geocoding;

import java.util.Objects;
import org.leadrelay.events.Coordinates;

/**
 * Where a geocoder put a place.
 *
 * @param coordinates latitude and longitude
 * @param region      ISO 3166-2 code of the first-level subdivision it lies in, or null when not known
 */
public record Place(Coordinates coordinates, String region) {

    public Place {
        Objects.requireNonNull(coordinates, "coordinates");
    }
}
