package org.leadrelay.router.routing;

import java.util.List;
import org.leadrelay.events.ScoreComponent;

/**
 * How much of the need the partner covers, and how well: each product or service asked counts 1,
 * each item of the customer's environment {@code environmentCredit}; a certification earns the
 * item's full count, experience (or a lapsed certification) {@code experiencedCredit} of it.
 */
final class SpecialityFit implements ScoringCriterion {

    static final String NAME = "speciality";

    private final RoutingWeights weights;

    SpecialityFit(RoutingWeights weights) {
        this.weights = weights;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** 1 for a valid certification, {@code experiencedCredit} for experience, 0 for neither. */
    private double credit(Level level) {
        return switch (level) {
            case CERTIFIED -> 1;
            case EXPERIENCED, LAPSED -> weights.experiencedCredit();
            case NONE -> 0;
        };
    }

    @Override
    public void addPoints(RoutedLead lead, Eligible eligible, Pool pool, double[] totals) {
        PartnerIndex index = eligible.index();
        List<String> asked = lead.asked();
        List<String> environment = weights.environmentCredit() > 0 ? lead.environment() : List.of();
        int terms = asked.size() + environment.size();
        long[][] offering = new long[terms][];
        long[][] certified = new long[terms][];
        double[] count = new double[terms];
        for (int t = 0; t < terms; t++) {
            String term = t < asked.size() ? asked.get(t) : environment.get(t - asked.size());
            offering[t] = index.offering(term);
            certified[t] = index.certifiedOn(term, lead.today().toEpochDay());
            count[t] = t < asked.size() ? 1 : weights.environmentCredit();
        }
        double possible = asked.size();
        for (int t = asked.size(); t < terms; t++) {
            possible += weights.environmentCredit();
        }
        double certifiedCredit = credit(Level.CERTIFIED);
        double experiencedCredit = credit(Level.EXPERIENCED);
        for (int i = 0; i < totals.length; i++) {
            int ordinal = eligible.ordinal(i);
            double earned = 0;
            for (int t = 0; t < terms; t++) {
                double credit = certified[t] != null && Bits.has(certified[t], ordinal) ? certifiedCredit
                        : offering[t] != null && Bits.has(offering[t], ordinal) ? experiencedCredit : 0;
                earned += t < asked.size() ? credit : count[t] * credit;
            }
            totals[i] += points(earned, possible);
        }
    }

    private double points(double earned, double possible) {
        return Wording.points(weights.speciality() * (possible == 0 ? 0 : earned / possible));
    }

    @Override
    public double points(RoutedLead lead, Candidate candidate, Pool pool) {
        double earned = 0;
        List<String> asked = lead.asked();
        for (int i = 0; i < asked.size(); i++) {
            earned += credit(candidate.partner().level(asked.get(i), lead.today()));
        }
        double possible = asked.size();
        if (weights.environmentCredit() > 0) {
            List<String> environment = lead.environment();
            for (int i = 0; i < environment.size(); i++) {
                earned += weights.environmentCredit() * credit(candidate.partner().level(environment.get(i), lead.today()));
                possible += weights.environmentCredit();
            }
        }
        return points(earned, possible);
    }

    @Override
    public ScoreComponent score(RoutedLead lead, Candidate candidate, Pool pool) {
        RoutablePartner partner = candidate.partner();
        double earned = 0;
        double possible = 0;
        StringBuilder why = new StringBuilder();
        int covered = 0;
        for (String term : lead.asked()) {
            Level level = partner.level(term, lead.today());
            earned += credit(level);
            possible += 1;
            covered += level == Level.NONE ? 0 : 1;
            describe(why, term, level);
        }
        why.insert(0, "covers " + covered + " of " + lead.asked().size() + ": ");
        if (!lead.environment().isEmpty() && weights.environmentCredit() > 0) {
            why.append("; environment: ");
            boolean first = true;
            for (String term : lead.environment()) {
                Level level = partner.level(term, lead.today());
                earned += weights.environmentCredit() * credit(level);
                possible += weights.environmentCredit();
                if (!first) {
                    why.append(", ");
                }
                first = false;
                why.append(term).append(' ').append(level.word);
            }
        }
        double fit = possible == 0 ? 0 : earned / possible;
        return new ScoreComponent(NAME, points(lead, candidate, pool),
                why.append(" (fit ").append(Wording.fraction(fit)).append(')').toString());
    }

    private static void describe(StringBuilder why, String term, Level level) {
        if (why.length() > 0) {
            why.append(", ");
        }
        why.append(term).append(' ').append(level.word);
    }

    enum Level {
        CERTIFIED("certified"),
        EXPERIENCED("experienced"),
        LAPSED("experienced (certification lapsed)"),
        NONE("missing");

        final String word;

        Level(String word) {
            this.word = word;
        }
    }
}
