package org.leadrelay.router.routing;

import org.leadrelay.events.Coordinates;

/** Distances on the Earth's surface by the haversine formula (a sphere of the mean radius: within 0.5 % of the ellipsoid). */
final class GreatCircle {

    static final double EARTH_RADIUS_KM = 6371.0088;

    private GreatCircle() {
    }

    static double km(Coordinates from, Coordinates to) {
        return km(from.latitude(), from.longitude(), to.latitude(), to.longitude());
    }

    static double km(double fromLatitude, double fromLongitude, double toLatitude, double toLongitude) {
        double lat1 = Math.toRadians(fromLatitude);
        double lat2 = Math.toRadians(toLatitude);
        return km(lat1, Math.cos(lat1), fromLongitude, lat2, Math.cos(lat2), toLongitude);
    }

    /**
     * The same distance, from each point's latitude in radians with its cosine and its longitude in
     * degrees: for points met again and again (service areas, a lead's position), whose latitude's
     * cosine is then worked out once. Gives exactly what {@link #km(double, double, double, double)} does.
     */
    static double km(double fromRadians, double fromCosine, double fromLongitude, double toRadians, double toCosine, double toLongitude) {
        double dLat = toRadians - fromRadians;
        double dLon = Math.toRadians(toLongitude - fromLongitude);
        double sinLat = Math.sin(dLat / 2);
        double sinLon = Math.sin(dLon / 2);
        double a = sinLat * sinLat + fromCosine * toCosine * sinLon * sinLon;
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
