package org.leadrelay.router.routing;

import org.leadrelay.events.Coordinates;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.events.ServiceArea;

/**
 * Closer offices score higher: all of the points at the lead's position, nothing from
 * {@code distanceHorizonKm} on, linearly between. When the lead has no coordinates or the partner
 * no office position, every partner gets half the points, so the unknown neither helps nor hurts.
 */
final class Proximity implements ScoringCriterion {

    static final String NAME = "distance";

    private final RoutingWeights weights;

    Proximity(RoutingWeights weights) {
        this.weights = weights;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double points(RoutedLead lead, Candidate candidate, Pool pool) {
        RoutablePartner partner = candidate.partner();
        if (lead.coordinates() == null || partner.areas.length == 0) {
            return neutral();
        }
        return pointsAt(partner.nearestAreaKm(lead.coordinates().latitude(), lead.coordinates().longitude()));
    }

    @Override
    public void addPoints(RoutedLead lead, Eligible eligible, Pool pool, double[] totals) {
        PartnerIndex index = eligible.index();
        double[] areas = index.areas();
        Coordinates at = lead.coordinates();
        double radians = at == null ? 0 : Math.toRadians(at.latitude());
        double cosine = Math.cos(radians);
        for (int i = 0; i < totals.length; i++) {
            int ordinal = eligible.ordinal(i);
            int from = index.areasFrom(ordinal);
            int to = index.areasFrom(ordinal + 1);
            if (at == null || from == to) {
                totals[i] += neutral();
                continue;
            }
            double nearestKm = Double.POSITIVE_INFINITY;
            for (int a = from; a < to; a += PartnerIndex.AREA_FIELDS) {
                nearestKm = Math.min(nearestKm, GreatCircle.km(areas[a], areas[a + 1], areas[a + 2], radians, cosine, at.longitude()));
            }
            totals[i] += pointsAt(nearestKm);
        }
    }

    private double neutral() {
        return Wording.points(weights.distance() / 2);
    }

    private double pointsAt(double nearestKm) {
        return Wording.points(weights.distance() * Math.max(0, 1 - nearestKm / weights.distanceHorizonKm()));
    }

    @Override
    public ScoreComponent score(RoutedLead lead, Candidate candidate, Pool pool) {
        if (lead.coordinates() == null) {
            return new ScoreComponent(NAME, Wording.points(weights.distance() / 2), "the lead has no coordinates: neutral");
        }
        if (candidate.partner().serviceAreas().isEmpty()) {
            return new ScoreComponent(NAME, Wording.points(weights.distance() / 2), "no office position given: neutral");
        }
        ServiceArea nearest = null;
        double nearestKm = Double.MAX_VALUE;
        for (ServiceArea area : candidate.partner().serviceAreas()) {
            double km = GreatCircle.km(area.centre(), lead.coordinates());
            if (km < nearestKm) {
                nearestKm = km;
                nearest = area;
            }
        }
        return new ScoreComponent(NAME, points(lead, candidate, pool),
                Wording.decimal(nearestKm) + " km from " + CoveragePolicy.label(nearest));
    }
}
