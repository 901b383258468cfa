package org.leadrelay.bench;

import java.util.List;

/** How fast a figure moves: the least-squares slope of its samples against time. */
final class Trend {

    /** One sample: when (hours from the phase's start) and the figure's value. */
    record Point(double hours, double value) {
    }

    private Trend() {
    }

    /** The least-squares slope in the value's unit per hour; NaN with fewer than two distinct moments. */
    static double perHour(List<Point> points) {
        double meanHours = points.stream().mapToDouble(Point::hours).average().orElse(Double.NaN);
        double meanValue = points.stream().mapToDouble(Point::value).average().orElse(Double.NaN);
        double spread = 0;
        double covariance = 0;
        for (Point point : points) {
            spread += (point.hours() - meanHours) * (point.hours() - meanHours);
            covariance += (point.hours() - meanHours) * (point.value() - meanValue);
        }
        return spread > 0 ? covariance / spread : Double.NaN;
    }
}
