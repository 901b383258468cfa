package org.leadrelay.router.routing;

import java.time.Instant;
import java.util.ArrayList;
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
        List<PassedOver> passedOver = passedOver(routed, excluded);
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
        List<Ranked> ranked = new ArrayList<>(eligible.size());
        List<Long> tieBreaks = new ArrayList<>(eligible.size());
        for (Candidate candidate : eligible) {
            List<ScoreComponent> components = new ArrayList<>(criteria.size());
            for (ScoringCriterion criterion : criteria) {
                components.add(criterion.score(routed, candidate, pool));
            }
            ranked.add(new Ranked(candidate.partner(), Score.of(components)));
        }
        Integer[] order = new Integer[ranked.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            tieBreaks.add(eligible.get(i).tieBreak());
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -ranked.get(i).score().total())
                .thenComparingLong(tieBreaks::get)
                .thenComparing(i -> ranked.get(i).partner().id()));
        List<Ranked> best = new ArrayList<>(order.length);
        for (Integer i : order) {
            best.add(ranked.get(i));
        }
        return new RoutingDecision.Chosen(best, passedOver, passedOverCounts);
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
    private List<PassedOver> passedOver(RoutedLead lead, List<Excluded> excluded) {
        return excluded.stream()
                .sorted(Comparator.comparingInt(Excluded::failedRule).reversed()
                        .thenComparingLong(Excluded::tieBreak)
                        .thenComparing(ex -> ex.partner().id()))
                .limit(weights.maxPassedOver())
                .map(ex -> {
                    EligibilityPolicy rule = rules.get(ex.failedRule());
                    return new PassedOver(ex.partner().id(), ex.partner().name(),
                            rule.name() + ": " + rule.refusal(lead, ex.partner(), ex.standing()));
                })
                .toList();
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
}
