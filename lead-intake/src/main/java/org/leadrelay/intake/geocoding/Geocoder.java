package org.leadrelay.intake.geocoding;

import java.util.Optional;

/** Finds where a place is. Implementations never fail a lead: an unknown place is empty. */
public interface Geocoder {

    /**
     * @param country ISO 3166-1 alpha-2 code
     * @param region  ISO 3166-2 code or region name, optional, used to choose between places of the same name
     * @param city    city name as the customer typed it
     */
    Optional<Place> locate(String country, String region, String city);

    /**
     * @param country    ISO 3166-1 alpha-2 code
     * @param postalCode postal code as the customer typed it
     * @return the place the code stands for; empty by default, for geocoders that know no postal codes
     */
    default Optional<Place> locatePostalCode(String country, String postalCode) {
        return Optional.empty();
    }
}
