package org.leadrelay.events;

/** A point on Earth in WGS 84 decimal degrees. */
public record Coordinates(double latitude, double longitude) {

    public Coordinates {
        if (latitude < -90 || latitude > 90) {
            throw new IllegalArgumentException("coordinates.latitude must be between -90 and 90");
        }
        if (longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("coordinates.longitude must be between -180 and 180");
        }
    }
}
