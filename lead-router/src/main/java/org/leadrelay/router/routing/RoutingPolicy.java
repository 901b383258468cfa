package org.leadrelay.router.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.PassedOver;
import org.leadrelay.events.Score;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.router.partners.RoutablePartner;

/**
 * Decides which partners may have a lead and in which order, and explains it. A partner is
 * eligible when it passes every rule, checked in this order (the first it fails is the one it is
 * counted under): {@code already-tried}, {@code status}, {@code out-of-office}, {@code coverage},
 * {@code speciality}, {@code language}, {@code capacity}. Eligible partners are scored by the sum of
 * named components ({@code speciality}, {@code distance}, {@code language}, {@code tier},
 * {@code headroom}, {@code responsiveness}, {@code fairness}) and ranked best first; equal scores
 * are ordered by a mix of the lead's and the partner's ids, so the same inputs always give the same
 * decision, in any order of the candidates, and equal partners each come first equally often.
 * docs/routing.md explains the policy for operators. Stateless and thread-safe.
 */
public class RoutingPolicy {

    private final RoutingWeights weights;
    private final List<EligibilityPolicy> rules;
    private final List<ScoringCriterion> criteria;

    public RoutingPolicy(RoutingWeights weights) {
        this.weights = weights;
        this.rules = List.of(new AlreadyTriedPolicy(), new StatusPolicy(), new OutOfOfficePolicy(), new CoveragePolicy(),
                new SpecialityPolicy(), new LanguagePolicy(weights.fallbackLanguage()), new CapacityPolicy());
        this.criteria = List.of(new SpecialityFit(weights), new Proximity(weights), new LanguageMatch(weights), new TierWeight(weights),
                new Headroom(weights), new Responsiveness(weights), new Fairness(weights));
    }

    /** With {@link RoutingWeights#DEFAULT}. */
    public RoutingPolicy() {
        this(RoutingWeights.DEFAULT);
    }

    public RoutingWeights weights() {
        return weights;
    }

    /** The eligibility rules' names, in the order they are checked: the keys of {@link RoutingDecision#passedOverCounts()}. */
    public List<String> ruleNames() {
        return rules.stream().map(EligibilityPolicy::name).toList();
    }

    /**
     * @param candidates the partners that may cover the lead's location (the router's copy, prefiltered)
     * @param standings  each partner's recent record; a partner missing here is {@link Standing#NEW}
     * @param tried      partners that already had this lead, with why they no longer may ({@code declined}, {@code expired})
     * @param now        the moment of the decision, which out-of-office periods and certifications are checked against
     */
    public RoutingDecision decide(LeadReceived lead, List<RoutablePartner> candidates, Map<UUID, Standing> standings,
            Map<UUID, String> tried, Instant now) {
        RoutedLead routed = RoutedLead.of(lead, tried, now);
        List<Candidate> eligible = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        int[] counts = new int[rules.size()];
        for (RoutablePartner partner : candidates) {
            Standing standing = standings.get(partner.id());
            if (standing == null) {
                standing = Standing.NEW;
            }
            int failed = firstFailed(routed, partner, standing);
            if (failed < 0) {
                eligible.add(new Candidate(partner, standing, weightOf(partner), Candidate.tieBreak(lead.leadId(), partner.id())));
            } else {
                counts[failed]++;
                excluded.add(new Excluded(partner, standing, failed, Candidate.tieBreak(lead.leadId(), partner.id())));
            }
        }
        List<PassedOver> passedOver = passedOver(routed, excluded, counts);
        Map<String, Integer> passedOverCounts = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                passedOverCounts.put(rules.get(i).name(), counts[i]);
            }
        }
        if (eligible.isEmpty()) {
            return new RoutingDecision.Nobody(nobodyReason(routed, candidates.size(), counts), passedOver, passedOverCounts);
        }
        Pool pool = Pool.of(eligible);
        Scored[] scored = new Scored[eligible.size()];
        for (int i = 0; i < scored.length; i++) {
            Candidate candidate = eligible.get(i);
            double total = 0;
            for (ScoringCriterion criterion : criteria) {
                total += criterion.points(routed, candidate, pool);
            }
            double sum = total;
            Ranked ranked = new Ranked(candidate.partner(), sum, () -> explain(routed, candidate, pool, sum));
            scored[i] = new Scored(ranked, sum, candidate.tieBreak());
        }
        Arrays.sort(scored, BEST_FIRST);
        List<Ranked> best = new ArrayList<>(scored.length);
        for (Scored one : scored) {
            best.add(one.ranked());
        }
        return new RoutingDecision.Chosen(best, passedOver, passedOverCounts);
    }

    private Score explain(RoutedLead lead, Candidate candidate, Pool pool, double total) {
        List<ScoreComponent> components = new ArrayList<>(criteria.size());
        for (ScoringCriterion criterion : criteria) {
            components.add(criterion.score(lead, candidate, pool));
        }
        return new Score(total, components);
    }

    private int firstFailed(RoutedLead lead, RoutablePartner partner, Standing standing) {
        for (int i = 0; i < rules.size(); i++) {
            if (!rules.get(i).admits(lead, partner, standing)) {
                return i;
            }
        }
        return -1;
    }

    /** A partner's routing weight: its own, or its tier's. */
    double weightOf(RoutablePartner partner) {
        Double own = partner.routingWeight();
        return own != null && own >= 0 && !own.isInfinite() ? own : weights.weightOfTier(partner.tier());
    }

    /**
     * The excluded partners a decision names: those that came closest first (excluded by a later
     * rule: full partners before partners of the wrong speciality before paused ones), then in the
     * lead's tie-break order, so the list does not depend on the candidates' order.
     */
    private List<PassedOver> passedOver(RoutedLead lead, List<Excluded> excluded, int[] counts) {
        List<PassedOver> named = new ArrayList<>(Math.min(weights.maxPassedOver(), excluded.size()));
        for (int rule = rules.size() - 1; rule >= 0 && named.size() < weights.maxPassedOver(); rule--) {
            if (counts[rule] == 0) {
                continue;
            }
            List<Excluded> byRule = new ArrayList<>(counts[rule]);
            for (Excluded ex : excluded) {
                if (ex.failedRule() == rule) {
                    byRule.add(ex);
                }
            }
            byRule.sort(Comparator.comparingLong(Excluded::tieBreak).thenComparing(ex -> ex.partner().id()));
            EligibilityPolicy policy = rules.get(rule);
            for (int i = 0; i < byRule.size() && named.size() < weights.maxPassedOver(); i++) {
                Excluded ex = byRule.get(i);
                named.add(new PassedOver(ex.partner().id(), ex.partner().name(),
                        policy.name() + ": " + policy.refusal(lead, ex.partner(), ex.standing())));
            }
        }
        return named;
    }

    private String nobodyReason(RoutedLead lead, int candidates, int[] counts) {
        if (candidates == 0) {
            return "no partner covers " + lead.place();
        }
        List<Integer> byCount = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                byCount.add(i);
            }
        }
        byCount.sort(Comparator.<Integer>comparingInt(i -> -counts[i]).thenComparingInt(i -> i));
        StringBuilder why = new StringBuilder("none of the ").append(candidates)
                .append(candidates == 1 ? " candidate partner is eligible for " : " candidate partners is eligible for ")
                .append(String.join(", ", lead.asked())).append(" in ").append(lead.place()).append(" (");
        for (int j = 0; j < byCount.size(); j++) {
            why.append(j == 0 ? "" : ", ").append(rules.get(byCount.get(j)).name()).append(": ").append(counts[byCount.get(j)]);
        }
        return why.append(')').toString();
    }

    private record Excluded(RoutablePartner partner, Standing standing, int failedRule, long tieBreak) {
    }

    private record Scored(Ranked ranked, double total, long tieBreak) {
    }

    private static final Comparator<Scored> BEST_FIRST = (a, b) -> {
        int byTotal = Double.compare(b.total(), a.total());
        if (byTotal != 0) {
            return byTotal;
        }
        int byTie = Long.compare(a.tieBreak(), b.tieBreak());
        return byTie != 0 ? byTie : a.ranked().partner().id().compareTo(b.ranked().partner().id());
    };
}
