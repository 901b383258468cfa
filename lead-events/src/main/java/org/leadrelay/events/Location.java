package org.leadrelay.events;

/**
 * Where the customer needs the help.
 *
 * @param country     ISO 3166-1 alpha-2 code, required
 * @param region      region or state name, optional
 * @param city        city name, optional
 * @param postalCode  postal code, optional
 * @param coordinates latitude and longitude, optional
 * @param coordinatesSource where the coordinates come from, or why there are none; absent in
 *                    events from before it existed
 */
public record Location(String country, String region, String city, String postalCode, Coordinates coordinates,
        CoordinatesSource coordinatesSource) {

    public Location {
        Require.countryCode(country, "location.country");
    }

    public Location(String country, String region, String city, String postalCode, Coordinates coordinates) {
        this(country, region, city, postalCode, coordinates, coordinates == null ? null : CoordinatesSource.PROVIDED);
    }
}
