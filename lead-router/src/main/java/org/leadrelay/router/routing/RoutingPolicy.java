package org.leadrelay.router.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.leadrelay.events.ExpectedShares;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.PassedOver;
import org.leadrelay.events.Score;
import org.leadrelay.events.ScoreComponent;

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
 *
 * <p>A decision costs a few hundred nanoseconds per candidate (docs/performance.md): the rules are
 * applied with the index's sets of partners, standings are read only for the partners that every
 * other rule admits, the components score from the index's columns, scores are worded only when
 * read, and only the excluded partners a decision names get a refusal.
 */
public class RoutingPolicy {

    private final RoutingWeights weights;
    private final EligibilityPolicy[] rules;
    /** The first of the rules that read a partner's standing; every rule from it on does. */
    private final int firstReadingStanding;
    private final ScoringCriterion[] criteria;
    // the criteria again, by their own types: the hot loop calls each directly, so each call can be inlined
    private final SpecialityFit fit;
    private final Proximity proximity;
    private final LanguageMatch languageMatch;
    private final TierWeight tierWeight;
    private final Headroom headroom;
    private final Responsiveness responsiveness;
    private final Fairness fairness;

    public RoutingPolicy(RoutingWeights weights) {
        this.weights = weights;
        this.rules = new EligibilityPolicy[] {new AlreadyTriedPolicy(), new StatusPolicy(), new OutOfOfficePolicy(), new CoveragePolicy(),
                new SpecialityPolicy(), new LanguagePolicy(weights.fallbackLanguage()), new CapacityPolicy()};
        int first = rules.length;
        for (int i = 0; i < rules.length; i++) {
            if (rules[i].readsStanding()) {
                first = Math.min(first, i);
            } else if (first < i) {
                throw new IllegalStateException("rule " + rules[i].name() + " must come before the rules reading standings");
            }
        }
        this.firstReadingStanding = first;
        this.fit = new SpecialityFit(weights);
        this.proximity = new Proximity(weights);
        this.languageMatch = new LanguageMatch(weights);
        this.tierWeight = new TierWeight(weights);
        this.headroom = new Headroom(weights);
        this.responsiveness = new Responsiveness(weights);
        this.fairness = new Fairness(weights);
        this.criteria = new ScoringCriterion[] {fit, proximity, languageMatch, tierWeight, headroom, responsiveness, fairness};
    }

    /** With {@link RoutingWeights#DEFAULT}. */
    public RoutingPolicy() {
        this(RoutingWeights.DEFAULT);
    }

    public RoutingWeights weights() {
        return weights;
    }

    /** The eligibility rules, in the order they are checked (for the rule-by-rule reference in the tests). */
    List<EligibilityPolicy> rules() {
        return List.of(rules);
    }

    /** The score's components, in the order a score lists them (for the rule-by-rule reference in the tests). */
    List<ScoringCriterion> criteria() {
        return List.of(criteria);
    }

    /** The eligibility rules' names, in the order they are checked: the keys of {@link RoutingDecision#passedOverCounts()}. */
    public List<String> ruleNames() {
        return Arrays.stream(rules).map(EligibilityPolicy::name).toList();
    }

    /**
     * Where a decision reads partners' standings. A decision asks once, and only for the partners
     * that every rule not reading standings admits, so the router reads its database for those alone.
     */
    @FunctionalInterface
    public interface Standings {

        /** The standings of these partners; a partner missing from the answer is {@link Standing#NEW}. */
        Map<UUID, Standing> of(List<RoutablePartner> partners);
    }

    /**
     * @param candidates the partners that may cover the lead's location (the router's copy, prefiltered)
     * @param standings  each partner's recent record; a partner missing here is {@link Standing#NEW}
     * @param tried      partners that already had this lead, with why they no longer may ({@code declined}, {@code expired})
     * @param now        the moment of the decision, which out-of-office periods and certifications are checked against
     */
    public RoutingDecision decide(LeadReceived lead, List<RoutablePartner> candidates, Map<UUID, Standing> standings,
            Map<UUID, String> tried, Instant now) {
        return decideAmong(lead, PartnerIndex.of(candidates).all(), partners -> standings, tried, now);
    }

    /**
     * The decision for the candidates an index found, asking {@code standings} for the standings it
     * needs; {@link #decide(LeadReceived, List, Map, Map, Instant)} is the same for a list of partners.
     * The only decision path: the rule-by-rule reference it is tested against lives in the tests
     * ({@code RuleByRuleRouting}, the oracle of IndexedDecisionTest). The rules not reading standings are
     * applied to all the candidates at once, with the index's sets of partners (by status, language,
     * term, country); a partner is asked alone only where a set cannot tell, such as a partner
     * covering some regions of the lead's country. The eligible partners are scored from the
     * index's columns, component by component ({@link ScoringCriterion#addPoints}).
     */
    public RoutingDecision decideAmong(LeadReceived lead, PartnerIndex.Found candidates, Standings standings, Map<UUID, String> tried,
            Instant now) {
        RoutedLead routed = RoutedLead.of(lead, tried, now);
        PartnerIndex index = candidates.index();
        long[] remaining = candidates.bits().clone();
        long[][] excludedBy = new long[firstReadingStanding][];
        for (int rule = 0; rule < firstReadingStanding; rule++) {
            excludedBy[rule] = rules[rule].exclude(routed, index, remaining);
        }
        int[] ordinals = new int[candidates.size()];
        byte[] failed = new byte[ordinals.length];
        long[] found = candidates.bits();
        int at = 0;
        for (int word = 0; word < found.length; word++) {
            for (long bits = found[word]; bits != 0; bits &= bits - 1) {
                int ordinal = (word << 6) + Long.numberOfTrailingZeros(bits);
                int rule = -1;
                if (!Bits.has(remaining, ordinal)) {
                    rule = 0;
                    while (!Bits.has(excludedBy[rule], ordinal)) {
                        rule++;
                    }
                }
                ordinals[at] = ordinal;
                failed[at++] = (byte) rule;
            }
        }
        return decided(routed, index, ordinals, failed, standings);
    }

    /**
     * The decision among the index's partners {@code ordinals}, given the first rule not reading
     * standings each fails ({@code failed}, -1 for none): the rest are checked once their standings
     * are read, then scored from the index's columns, for all the partners at once, and ranked.
     */
    private RoutingDecision decided(RoutedLead routed, PartnerIndex index, int[] ordinals, byte[] failed, Standings standings) {
        int size = ordinals.length;
        int[] counts = new int[rules.length];
        List<RoutablePartner> admitted = new ArrayList<>(size);
        int[] admittedAt = new int[size];
        for (int i = 0; i < size; i++) {
            if (failed[i] < 0) {
                admittedAt[admitted.size()] = i;
                admitted.add(index.partner(ordinals[i]));
            } else {
                counts[failed[i]]++;
            }
        }
        Map<UUID, Standing> known = admitted.isEmpty() ? Map.of() : standings.of(admitted);
        Standing[] standingOf = new Standing[size];
        // Read in a tight loop before they are used: each read is independent of the others, so the
        // processor overlaps their cache misses rather than paying them one after another
        // (docs/performance.md).
        for (int j = 0; j < admitted.size(); j++) {
            Standing standing = known.get(index.id(ordinals[admittedAt[j]]));
            standingOf[admittedAt[j]] = standing == null ? Standing.NEW : standing;
        }
        int[] eligibleAt = new int[admitted.size()];
        int eligibleCount = 0;
        for (int j = 0; j < admitted.size(); j++) {
            int at = admittedAt[j];
            Standing standing = standingOf[at];
            int rule = -1;
            for (int r = firstReadingStanding; r < rules.length && rule < 0; r++) {
                rule = rules[r].admits(routed, index, ordinals[at], standing) ? -1 : r;
            }
            failed[at] = (byte) rule;
            if (rule < 0) {
                eligibleAt[eligibleCount++] = at;
            } else {
                counts[rule]++;
            }
        }
        Eligible eligible = eligibleCount == 0 ? null
                : eligible(routed, index, ordinals, Arrays.copyOf(eligibleAt, eligibleCount), standingOf,
                        index.routingWeights(weights, this::weightOf));
        double[] totals = new double[eligibleCount];
        Pool pool = eligible == null ? null : Pool.of(eligible);
        if (eligible != null) {
            for (ScoringCriterion criterion : criteria) {
                criterion.addPoints(routed, eligible, pool, totals);
            }
        }
        return decision(routed, index, ordinals, failed, standingOf, counts, eligible, pool, totals);
    }

    /**
     * The decision, once each candidate's first failed rule ({@code failed}, -1 for none), the
     * rules' counts, and the eligible partners' points ({@code totals}, by position in
     * {@code eligible}) are known: the partners passed over, or the eligible ones best first, each
     * with its score worded when read. Shared with the rule-by-rule reference in the tests.
     */
    RoutingDecision decision(RoutedLead routed, PartnerIndex index, int[] ordinals, byte[] failed, Standing[] standingOf, int[] counts,
            Eligible eligible, Pool pool, double[] totals) {
        List<PassedOver> passedOver = passedOver(routed, index, ordinals, failed, standingOf, counts);
        Map<String, Integer> passedOverCounts = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                passedOverCounts.put(rules[i].name(), counts[i]);
            }
        }
        if (eligible == null) {
            return new RoutingDecision.Nobody(nobodyReason(routed, ordinals.length, counts), passedOver, passedOverCounts);
        }
        for (int i = 0; i < totals.length; i++) {
            // to the cent, as the points are: totals equal to the cent are equal, and the tie-break orders them
            totals[i] = Wording.points(totals[i]);
        }
        BestFirst order = bestFirst(eligible, totals);
        return new RoutingDecision.Chosen(new RankedList(order, i -> {
            double total = totals[i];
            return new Ranked(index.partner(eligible.ordinal(i)), total, () -> explain(routed, eligible.candidate(i), pool, total));
        }), passedOver, passedOverCounts, once(() -> expectedShares(eligible, pool)));
    }

    /**
     * Each eligible partner's share of the lead, as {@link Fairness} reckons it: its weight over the
     * pool's, or an equal share when every weight is 0. Past {@value ExpectedShares#MOST} partners,
     * the largest shares are named (equal ones in the pool's order) and the rest summed.
     */
    static ExpectedShares expectedShares(Eligible eligible, Pool pool) {
        int size = eligible.size();
        double total = pool.totalWeight();
        double threshold = Double.NEGATIVE_INFINITY;
        int aboveThreshold = size;
        if (size > ExpectedShares.MOST) {
            double[] sorted = new double[size];
            for (int i = 0; i < size; i++) {
                sorted[i] = eligible.weight(i);
            }
            Arrays.sort(sorted);
            threshold = sorted[size - ExpectedShares.MOST];
            aboveThreshold = 0;
            for (double weight : sorted) {
                aboveThreshold += weight > threshold ? 1 : 0;
            }
        }
        int tiesWanted = ExpectedShares.MOST - aboveThreshold;
        Map<UUID, Double> named = new LinkedHashMap<>();
        double others = 0;
        for (int i = 0; i < size; i++) {
            double weight = eligible.weight(i);
            double share = total > 0 ? weight / total : 1.0 / size;
            boolean kept = weight > threshold || (weight == threshold && tiesWanted-- > 0);
            if (kept) {
                named.put(eligible.index().id(eligible.ordinal(i)), share);
            } else {
                others += share;
            }
        }
        return new ExpectedShares(named, Math.min(1, others), size - named.size());
    }

    /** The value made the first time it is asked for; two threads asking at once may each make it, equal. */
    private static <T> Supplier<T> once(Supplier<T> making) {
        return new Once<>(making);
    }

    /** Equal to another when what they make is: two decisions from the same inputs are equal. */
    private static final class Once<T> implements Supplier<T> {

        private final Supplier<T> making;
        private volatile T made;

        Once(Supplier<T> making) {
            this.making = making;
        }

        @Override
        public T get() {
            T value = made;
            if (value == null) {
                value = making.get();
                made = value;
            }
            return value;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Once<?> once && java.util.Objects.equals(get(), once.get());
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(get());
        }

        @Override
        public String toString() {
            return String.valueOf(get());
        }
    }

    /**
     * The eligible partners, the candidates at {@code eligibleAt}, with their standings, weights
     * ({@code weightByNumber}, by partner number) and tie-breaks.
     */
    Eligible eligible(RoutedLead routed, PartnerIndex index, int[] ordinals, int[] eligibleAt, Standing[] standingOf,
            double[] weightByNumber) {
        int count = eligibleAt.length;
        int[] eligibleOrdinals = new int[count];
        Standing[] eligibleStandings = new Standing[count];
        double[] eligibleWeights = new double[count];
        long[] tieBreaks = new long[count];
        for (int i = 0; i < count; i++) {
            int ordinal = ordinals[eligibleAt[i]];
            eligibleOrdinals[i] = ordinal;
            eligibleStandings[i] = standingOf[eligibleAt[i]];
            eligibleWeights[i] = weightByNumber[ordinal];
            tieBreaks[i] = Candidate.tieBreak(routed.leadId(), index.idHigh(ordinal), index.idLow(ordinal));
        }
        return new Eligible(index, eligibleOrdinals, eligibleStandings, eligibleWeights, tieBreaks);
    }

    /** The eligible partners' positions, best first: by total, then by tie-break, then by id. */
    private static BestFirst bestFirst(Eligible eligible, double[] totals) {
        long[] tieBreaks = new long[totals.length];
        for (int i = 0; i < tieBreaks.length; i++) {
            tieBreaks[i] = eligible.tieBreak(i);
        }
        PartnerIndex index = eligible.index();
        return new BestFirst(totals, tieBreaks, (a, b) -> {
            int byTotal = Double.compare(totals[b], totals[a]);
            if (byTotal != 0) {
                return byTotal;
            }
            int byTie = Long.compare(eligible.tieBreak(a), eligible.tieBreak(b));
            return byTie != 0 ? byTie : index.id(eligible.ordinal(a)).compareTo(index.id(eligible.ordinal(b)));
        });
    }

    private Score explain(RoutedLead lead, Candidate candidate, Pool pool, double total) {
        List<ScoreComponent> components = new ArrayList<>(criteria.length);
        for (ScoringCriterion criterion : criteria) {
            components.add(criterion.score(lead, candidate, pool));
        }
        return new Score(total, components);
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
    private List<PassedOver> passedOver(RoutedLead lead, PartnerIndex index, int[] ordinals, byte[] failed, Standing[] standingOf,
            int[] counts) {
        int cap = weights.maxPassedOver();
        List<PassedOver> named = new ArrayList<>(Math.min(cap, ordinals.length));
        for (int rule = rules.length - 1; rule >= 0 && named.size() < cap; rule--) {
            if (counts[rule] == 0) {
                continue;
            }
            List<Excluded> byRule = closest(lead, index, ordinals, failed, standingOf, rule, counts[rule], cap - named.size());
            EligibilityPolicy policy = rules[rule];
            for (Excluded ex : byRule) {
                Standing standing = ex.standing() == null ? Standing.NEW : ex.standing();
                named.add(new PassedOver(ex.partner().id(), ex.partner().name(),
                        policy.name() + ": " + policy.refusal(lead, ex.partner(), standing)));
            }
        }
        return named;
    }

    /**
     * The {@code wanted} partners the rule excluded that come first in the lead's tie-break order,
     * in that order, without sorting all of them.
     */
    private static List<Excluded> closest(RoutedLead lead, PartnerIndex index, int[] ordinals, byte[] failed, Standing[] standingOf,
            int rule, int count, int wanted) {
        long[] ties = new long[count];
        int[] at = new int[count];
        int found = 0;
        for (int i = 0; i < failed.length; i++) {
            if (failed[i] == rule) {
                at[found] = i;
                ties[found++] = Candidate.tieBreak(lead.leadId(), index.idHigh(ordinals[i]), index.idLow(ordinals[i]));
            }
        }
        long last = wanted < count ? BestFirst.smallest(ties, wanted) : Long.MAX_VALUE;
        List<Excluded> closest = new ArrayList<>(Math.min(wanted, count) + 1);
        for (int j = 0; j < count; j++) {
            if (ties[j] <= last) {
                closest.add(new Excluded(index.partner(ordinals[at[j]]), standingOf[at[j]], ties[j]));
            }
        }
        closest.sort(CLOSEST_FIRST);
        return closest.size() > wanted ? closest.subList(0, wanted) : closest;
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
            why.append(j == 0 ? "" : ", ").append(rules[byCount.get(j)].name()).append(": ").append(counts[byCount.get(j)]);
        }
        return why.append(')').toString();
    }

    private record Excluded(RoutablePartner partner, Standing standing, long tieBreak) {
    }

    private static final Comparator<Excluded> CLOSEST_FIRST = (a, b) -> {
        int byTie = Long.compare(a.tieBreak(), b.tieBreak());
        return byTie != 0 ? byTie : a.partner().id().compareTo(b.partner().id());
    };
}
