package org.leadrelay.router.routing;

import java.time.LocalDate;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.router.partners.RoutablePartner;

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

    static boolean knows(RoutablePartner partner, String term) {
        if (partner.specialities().contains(term)) {
            return true;
        }
        for (Expertise expertise : partner.expertise()) {
            if (expertise.term().equals(term)) {
                return true;
            }
        }
        return false;
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
    public double points(RoutedLead lead, Candidate candidate, Pool pool) {
        double earned = 0;
        for (String term : lead.asked()) {
            earned += credit(level(candidate.partner(), term, lead.today()));
        }
        double possible = lead.asked().size();
        if (weights.environmentCredit() > 0) {
            for (String term : lead.environment()) {
                earned += weights.environmentCredit() * credit(level(candidate.partner(), term, lead.today()));
                possible += weights.environmentCredit();
            }
        }
        return Wording.points(weights.speciality() * (possible == 0 ? 0 : earned / possible));
    }

    @Override
    public ScoreComponent score(RoutedLead lead, Candidate candidate, Pool pool) {
        RoutablePartner partner = candidate.partner();
        double earned = 0;
        double possible = 0;
        StringBuilder why = new StringBuilder();
        int covered = 0;
        for (String term : lead.asked()) {
            Level level = level(partner, term, lead.today());
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
                Level level = level(partner, term, lead.today());
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

    static Level level(RoutablePartner partner, String term, LocalDate today) {
        Level found = Level.NONE;
        for (Expertise expertise : partner.expertise()) {
            if (expertise.term().equals(term)) {
                if (expertise.certifiedOn(today)) {
                    return Level.CERTIFIED;
                }
                found = Expertise.CERTIFIED.equals(expertise.level()) ? Level.LAPSED : found == Level.LAPSED ? found : Level.EXPERIENCED;
            }
        }
        if (found == Level.NONE && partner.specialities().contains(term)) {
            return Level.EXPERIENCED;
        }
        return found;
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
