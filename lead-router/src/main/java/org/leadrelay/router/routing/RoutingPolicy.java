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
 *
 * <p>A decision costs a few hundred nanoseconds per candidate (docs/performance.md): standings
 * are read only for the partners that every other rule admits, scores are worded only when read,
 * and only the excluded partners a decision names get a tie-break and a refusal.
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
        RoutedLead routed = RoutedLead.of(lead, tried, now);
        List<IndexedPartner> members = candidates.stream().map(IndexedPartner::of).toList();
        byte[] failed = new byte[members.size()];
        for (int i = 0; i < failed.length; i++) {
            failed[i] = (byte) firstFailed(routed, members.get(i), null, 0, firstReadingStanding);
        }
        return decided(routed, members, failed, partners -> standings, null);
    }

    /**
     * As {@link #decide(LeadReceived, List, Map, Map, Instant)}, for the candidates an index found,
     * asking {@code standings} for the standings it needs. The rules not reading standings are
     * applied to all the candidates at once, with the index's sets of partners (by status, language,
     * term, country); a partner is asked alone only where a set cannot tell, such as a partner
     * covering some regions of the lead's country.
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
        List<IndexedPartner> members = candidates.partners();
        byte[] failed = new byte[members.size()];
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
                failed[at++] = (byte) rule;
            }
        }
        return decided(routed, members, failed, standings, index.routingWeights(weights, this::weightOf));
    }

    /**
     * The decision, given the first rule not reading standings each candidate fails ({@code failed},
     * -1 for none): the rest are checked once their standings are read, then scored and ranked.
     * {@code weightByNumber} holds the routing weights of an index's partners, or is null.
     */
    private RoutingDecision decided(RoutedLead routed, List<IndexedPartner> candidates, byte[] failed, Standings standings,
            double[] weightByNumber) {
        int size = candidates.size();
        int[] counts = new int[rules.length];
        List<RoutablePartner> admitted = new ArrayList<>(size);
        int[] admittedAt = new int[size];
        // The admitted partners' facts are read here, in a tight loop whose reads the processor can
        // overlap, before the loops that use them: their cache misses are paid once and side by side,
        // not one after another between calls (docs/performance.md).
        int facts = 0;
        for (int i = 0; i < size; i++) {
            if (failed[i] < 0) {
                IndexedPartner partner = candidates.get(i);
                facts += partner.terms.length + partner.languages.length + partner.areas.length + partner.capacity;
                admittedAt[admitted.size()] = i;
                admitted.add(partner.partner());
            } else {
                counts[failed[i]]++;
            }
        }
        Map<UUID, Standing> known = admitted.isEmpty() ? Map.of() : standings.of(admitted);
        Standing[] standingOf = new Standing[size];
        for (int j = 0; j < admitted.size(); j++) {
            Standing standing = known.get(candidates.get(admittedAt[j]).id());
            standingOf[admittedAt[j]] = standing == null ? Standing.NEW : standing;
            facts += standingOf[admittedAt[j]].openLeads();
        }
        if (facts < 0) {
            throw new IllegalStateException("negative facts: " + facts); // never: keeps the reads above from being optimised away
        }
        List<Candidate> eligible = new ArrayList<>(admitted.size());
        for (int j = 0; j < admitted.size(); j++) {
            int at = admittedAt[j];
            IndexedPartner partner = candidates.get(at);
            Standing standing = standingOf[at];
            int rule = firstFailed(routed, partner, standing, firstReadingStanding, rules.length);
            failed[at] = (byte) rule;
            if (rule < 0) {
                double weight = weightByNumber == null ? weightOf(partner) : weightByNumber[partner.ordinal];
                eligible.add(new Candidate(partner, standing, weight, Candidate.tieBreak(routed.leadId(), partner)));
            } else {
                counts[rule]++;
            }
        }
        List<PassedOver> passedOver = passedOver(routed, candidates, failed, standingOf, counts);
        Map<String, Integer> passedOverCounts = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                passedOverCounts.put(rules[i].name(), counts[i]);
            }
        }
        if (eligible.isEmpty()) {
            return new RoutingDecision.Nobody(nobodyReason(routed, size, counts), passedOver, passedOverCounts);
        }
        Pool pool = Pool.of(eligible);
        double[] totals = new double[eligible.size()];
        for (int i = 0; i < totals.length; i++) {
            Candidate candidate = eligible.get(i);
            double total = fit.points(routed, candidate, pool) + proximity.points(routed, candidate, pool)
                    + languageMatch.points(routed, candidate, pool) + tierWeight.points(routed, candidate, pool)
                    + headroom.points(routed, candidate, pool) + responsiveness.points(routed, candidate, pool)
                    + fairness.points(routed, candidate, pool);
            // to the cent, as the points are: totals equal to the cent are equal, and the tie-break orders them
            totals[i] = Wording.points(total);
        }
        int[] order = bestFirst(eligible, totals);
        return new RoutingDecision.Chosen(new RankedList(order, i -> {
            Candidate candidate = eligible.get(i);
            double total = totals[i];
            return new Ranked(candidate.partner(), total, () -> explain(routed, candidate, pool, total));
        }), passedOver, passedOverCounts);
    }

    /**
     * The positions of the candidates, best first: by total, then by tie-break, then by id. Sorted
     * as numbers (total, the tie-break's first 24 bits and the position packed in one long), which
     * is several times cheaper than sorting objects; the rare runs the packing cannot tell apart
     * are then ordered in full.
     */
    private static int[] bestFirst(List<Candidate> eligible, double[] totals) {
        int size = totals.length;
        long[] keys = new long[size];
        boolean packable = size < 1 << 20;
        for (int i = 0; i < size && packable; i++) {
            long below = (1L << 18) - 1 - Math.round(totals[i] * 100);
            packable = below >= 0 && below <= MAX_CENTS;
            keys[i] = below << 44 | ((eligible.get(i).tieBreak() ^ Long.MIN_VALUE) >>> 40) << 20 | i;
        }
        Integer[] boxed = null;
        if (!packable) {
            boxed = new Integer[size];
            for (int i = 0; i < size; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (a, b) -> BEST_FIRST.compare(new Scored(eligible.get(a), totals[a]), new Scored(eligible.get(b), totals[b])));
            return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        }
        Arrays.sort(keys);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = (int) (keys[i] & 0xFFFFF);
        }
        for (int from = 0; from < size; ) {
            int to = from + 1;
            while (to < size && keys[to] >>> 20 == keys[from] >>> 20) {
                to++;
            }
            if (to - from > 1) {
                Integer[] run = new Integer[to - from];
                for (int i = from; i < to; i++) {
                    run[i - from] = order[i];
                }
                Arrays.sort(run, (a, b) -> BEST_FIRST.compare(new Scored(eligible.get(a), totals[a]), new Scored(eligible.get(b), totals[b])));
                for (int i = from; i < to; i++) {
                    order[i] = run[i - from];
                }
            }
            from = to;
        }
        return order;
    }

    /** The packed ranking keys hold totals of ±2,621.44 points: 19 bits of cents. */
    private static final long MAX_CENTS = (1L << 19) - 1;

    private Score explain(RoutedLead lead, Candidate candidate, Pool pool, double total) {
        List<ScoreComponent> components = new ArrayList<>(criteria.length);
        for (ScoringCriterion criterion : criteria) {
            components.add(criterion.score(lead, candidate, pool));
        }
        return new Score(total, components);
    }

    private int firstFailed(RoutedLead lead, IndexedPartner partner, Standing standing, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!rules[i].admits(lead, partner, standing)) {
                return i;
            }
        }
        return -1;
    }

    /** A partner's routing weight: its own, or its tier's. */
    double weightOf(RoutablePartner partner) {
        return weightOf(IndexedPartner.of(partner));
    }

    private double weightOf(IndexedPartner partner) {
        double own = partner.routingWeight;
        return own >= 0 && !Double.isInfinite(own) ? own : weights.weightOfTier(partner.tier);
    }

    /**
     * The excluded partners a decision names: those that came closest first (excluded by a later
     * rule: full partners before partners of the wrong speciality before paused ones), then in the
     * lead's tie-break order, so the list does not depend on the candidates' order.
     */
    private List<PassedOver> passedOver(RoutedLead lead, List<IndexedPartner> candidates, byte[] failed, Standing[] standingOf,
            int[] counts) {
        int cap = weights.maxPassedOver();
        List<PassedOver> named = new ArrayList<>(Math.min(cap, candidates.size()));
        for (int rule = rules.length - 1; rule >= 0 && named.size() < cap; rule--) {
            if (counts[rule] == 0) {
                continue;
            }
            List<Excluded> byRule = closest(lead, candidates, failed, standingOf, rule, counts[rule], cap - named.size());
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
    private static List<Excluded> closest(RoutedLead lead, List<IndexedPartner> candidates, byte[] failed, Standing[] standingOf,
            int rule, int count, int wanted) {
        long[] ties = new long[count];
        int[] at = new int[count];
        int found = 0;
        for (int i = 0; i < failed.length; i++) {
            if (failed[i] == rule) {
                at[found] = i;
                ties[found++] = Candidate.tieBreak(lead.leadId(), candidates.get(i));
            }
        }
        long last = Long.MAX_VALUE;
        if (wanted < count) {
            long[] sorted = ties.clone();
            Arrays.sort(sorted);
            last = sorted[wanted - 1];
        }
        List<Excluded> closest = new ArrayList<>(Math.min(wanted, count) + 1);
        for (int j = 0; j < count; j++) {
            if (ties[j] <= last) {
                RoutablePartner partner = candidates.get(at[j]).partner();
                closest.add(new Excluded(partner, standingOf[at[j]], ties[j]));
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

    private record Scored(Candidate candidate, double total) {
    }

    private static final Comparator<Excluded> CLOSEST_FIRST = (a, b) -> {
        int byTie = Long.compare(a.tieBreak(), b.tieBreak());
        return byTie != 0 ? byTie : a.partner().id().compareTo(b.partner().id());
    };

    private static final Comparator<Scored> BEST_FIRST = (a, b) -> {
        int byTotal = Double.compare(b.total(), a.total());
        if (byTotal != 0) {
            return byTotal;
        }
        int byTie = Long.compare(a.candidate().tieBreak(), b.candidate().tieBreak());
        return byTie != 0 ? byTie : a.candidate().partner().id().compareTo(b.candidate().partner().id());
    };
}
