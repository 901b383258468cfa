package org.leadrelay.router.routing;

import org.leadrelay.events.Coordinates;
import org.leadrelay.events.ServiceArea;

/**
 * A latitude/longitude rectangle holding every point of a service area (the cap of its radius
 * around its centre, by great-circle distance): a cheap test, and one a database index can answer,
 * before the exact distance. An area that reaches a pole or crosses the antimeridian spans every
 * longitude, which is wider than needed but never misses a point.
 */
public record AreaBox(double minLat, double maxLat, double minLon, double maxLon) {

    /** About 0.1 m: keeps a point exactly on the radius inside despite rounding. */
    private static final double MARGIN_DEGREES = 1e-6;

    public AreaBox {
        if (!(minLat <= maxLat) || !(minLon <= maxLon)) {
            throw new IllegalArgumentException("an area box's minimum must not exceed its maximum");
        }
    }

    public static AreaBox around(ServiceArea area) {
        double angle = area.radiusKm() / GreatCircle.EARTH_RADIUS_KM;
        double lat = area.centre().latitude();
        double lon = area.centre().longitude();
        double dLat = Math.toDegrees(angle) + MARGIN_DEGREES;
        double minLat = lat - dLat;
        double maxLat = lat + dLat;
        if (minLat <= -90 || maxLat >= 90) {
            return new AreaBox(Math.max(-90, minLat), Math.min(90, maxLat), -180, 180);
        }
        // the widest longitude a cap of this angle reaches at this latitude (the cap stays off the poles here)
        double dLon = Math.toDegrees(Math.asin(Math.sin(angle) / Math.cos(Math.toRadians(lat)))) + MARGIN_DEGREES;
        double minLon = lon - dLon;
        double maxLon = lon + dLon;
        if (minLon < -180 || maxLon > 180) {
            return new AreaBox(minLat, maxLat, -180, 180);
        }
        return new AreaBox(minLat, maxLat, minLon, maxLon);
    }

    public boolean contains(Coordinates point) {
        return point.latitude() >= minLat && point.latitude() <= maxLat && point.longitude() >= minLon && point.longitude() <= maxLon;
    }

    /** The smallest box holding both. */
    public AreaBox union(AreaBox other) {
        return new AreaBox(Math.min(minLat, other.minLat), Math.max(maxLat, other.maxLat), Math.min(minLon, other.minLon),
                Math.max(maxLon, other.maxLon));
    }
}
