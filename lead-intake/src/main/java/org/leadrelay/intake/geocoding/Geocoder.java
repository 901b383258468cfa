package org.leadrelay.intake.geocoding;

import java.util.Optional;
import org.leadrelay.events.Coordinates;

/** Finds the coordinates of a place. Implementations never fail a lead: an unknown place is empty. */
public interface Geocoder {

    /**
     * @param country ISO 3166-1 alpha-2 code
     * @param region  region name, optional, used to choose between places of the same name
     * @param city    city name as the customer typed it
     */
    Optional<Coordinates> locate(String country, String region, String city);
}
