package org.leadrelay.router.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.leadrelay.events.Fallback;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.PassedOver;
import org.leadrelay.events.Score;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.router.partners.RoutablePartner;

/**
 * Chooses a partner for a lead among those covering its country: a partner is eligible when its
 * status is {@code ACTIVE}, it is not out of office at the moment of the decision, it has capacity
 * and offers at least one of the products or services asked for; eligible
 * partners are ranked by how much of the need they cover, whether they speak the customer's
 * language, and their tier. Ties go to the partner with the smaller id, so the same inputs always
 * give the same decision. The full weighting (locality, load, responsiveness) builds on this.
 */
public class RoutingPolicy {

    static final double SPECIALITY_POINTS = 60;
    static final double LANGUAGE_POINTS = 15;
    static final Map<String, Double> TIER_POINTS = Map.of("PLATINUM", 20.0, "GOLD", 15.0, "SILVER", 10.0, "REGISTERED", 5.0);
    static final int MAX_FALLBACKS = 3;
    static final int MAX_PASSED_OVER = 20;

    /**
     * @param candidates the partners that may cover the lead's location (the router's copy, prefiltered)
     * @param standings  each partner's recent record; a partner missing here is {@link Standing#NEW}
     * @param tried      partners that already had this lead, with why they no longer may ({@code declined}, {@code expired})
     * @param now        the moment of the decision, which out-of-office periods are checked against
     */
    public RoutingDecision decide(LeadReceived lead, List<RoutablePartner> candidates, java.util.Map<java.util.UUID, Standing> standings,
            java.util.Map<java.util.UUID, String> tried, Instant now) {
        List<RoutablePartner> coveringCountry = candidates.stream().filter(partner -> !tried.containsKey(partner.id())).toList();
        List<PassedOver> passedOver = new ArrayList<>();
        List<Scored> eligible = new ArrayList<>();
        for (RoutablePartner partner : coveringCountry) {
            String refusal = ineligibility(lead, partner, now);
            if (refusal != null) {
                passedOver.add(new PassedOver(partner.id(), partner.name(), refusal));
            } else {
                eligible.add(new Scored(partner, score(lead, partner)));
            }
        }
        if (eligible.isEmpty()) {
            String reason = coveringCountry.isEmpty()
                    ? "no partner covers " + lead.location().country()
                    : "no partner covering " + lead.location().country() + " can take " + String.join(", ", requested(lead));
            return new RoutingDecision.Nobody(reason, limited(passedOver), java.util.Map.of());
        }
        eligible.sort(Comparator.comparingDouble((Scored scored) -> scored.score().total()).reversed()
                .thenComparing(scored -> scored.partner().id()));
        return new RoutingDecision.Chosen(eligible.stream().map(scored -> new Ranked(scored.partner(), scored.score())).toList(),
                limited(passedOver), java.util.Map.of());
    }

    private static String ineligibility(LeadReceived lead, RoutablePartner partner, Instant now) {
        if (!partner.takesLeads()) {
            return "not active: " + partner.status();
        }
        if (partner.absentAt(now)) {
            return "out of office";
        }
        if (partner.capacity() <= 0) {
            return "no capacity";
        }
        if (lead.need().products().stream().noneMatch(partner.specialities()::contains)
                && lead.need().services().stream().noneMatch(partner.specialities()::contains)) {
            return "offers none of " + String.join(", ", requested(lead));
        }
        return null;
    }

    private static Score score(LeadReceived lead, RoutablePartner partner) {
        List<String> wanted = lead.need().specialities();
        List<String> covered = wanted.stream().filter(partner.specialities()::contains).toList();
        List<ScoreComponent> components = new ArrayList<>();
        components.add(new ScoreComponent("speciality", SPECIALITY_POINTS * covered.size() / wanted.size(),
                "covers %d of %d: %s".formatted(covered.size(), wanted.size(), String.join(", ", covered))));
        boolean speaks = partner.languages().contains(lead.language());
        components.add(new ScoreComponent("language", speaks ? LANGUAGE_POINTS : 0,
                (speaks ? "speaks " : "does not speak ") + lead.language()));
        components.add(new ScoreComponent("tier", TIER_POINTS.getOrDefault(partner.tier(), 0.0), partner.tier() + " partner"));
        return Score.of(components);
    }

    private static List<String> requested(LeadReceived lead) {
        List<String> requested = new ArrayList<>(lead.need().products());
        requested.addAll(lead.need().services());
        return requested;
    }

    private static List<PassedOver> limited(List<PassedOver> passedOver) {
        return passedOver.stream().limit(MAX_PASSED_OVER).toList();
    }

    private record Scored(RoutablePartner partner, Score score) {
    }
}
