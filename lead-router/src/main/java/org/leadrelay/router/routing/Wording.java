package org.leadrelay.router.routing;

import java.time.Duration;

/** Numbers and durations as the explanations print them: short, and cheap to build for thousands of partners. */
final class Wording {

    private Wording() {
    }

    /** One decimal at most: {@code 3}, {@code 2.5}, {@code -0.4}. */
    static String decimal(double value) {
        long tenths = Math.round(value * 10);
        String sign = tenths < 0 ? "-" : "";
        long magnitude = Math.abs(tenths);
        return magnitude % 10 == 0 ? sign + magnitude / 10 : sign + magnitude / 10 + "." + magnitude % 10;
    }

    /** Two decimals, for rates and fractions: {@code 0.25}. */
    static String fraction(double value) {
        long hundredths = Math.round(value * 100);
        String sign = hundredths < 0 ? "-" : "";
        long magnitude = Math.abs(hundredths);
        long cents = magnitude % 100;
        return sign + magnitude / 100 + "." + (cents < 10 ? "0" : "") + cents;
    }

    /** {@code 2d 3h}, {@code 1h 20m}, {@code 35m}, {@code 40s}. */
    static String duration(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return minutes % 60 == 0 ? hours + "h" : hours + "h " + minutes % 60 + "m";
        }
        return hours % 24 == 0 ? hours / 24 + "d" : hours / 24 + "d " + hours % 24 + "h";
    }

    /** Points as a score keeps them: two decimals, so equal partners tie exactly and the tie-break decides. */
    static double points(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
