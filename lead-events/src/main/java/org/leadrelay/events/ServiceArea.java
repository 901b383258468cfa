package org.leadrelay.events;

/**
 * An office a partner serves customers from, and how far it travels.
 *
 * @param label    what the partner calls it ({@code Lyon office}), optional
 * @param centre   the office's position
 * @param radiusKm how far from it the partner goes on site, by great-circle distance
 */
public record ServiceArea(String label, Coordinates centre, double radiusKm) {

    public ServiceArea {
        Require.present(centre, "serviceArea.centre");
        if (!(radiusKm > 0)) {
            throw new IllegalArgumentException("serviceArea.radiusKm must be positive");
        }
    }
}
