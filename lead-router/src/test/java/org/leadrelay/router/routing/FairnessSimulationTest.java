package org.leadrelay.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.router.routing.Routables.LYON;
import static org.leadrelay.router.routing.Routables.NOW;
import static org.leadrelay.router.routing.Routables.lead;
import static org.leadrelay.router.routing.Routables.partner;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Routes simulated leads one after the other as the router would, each decision seeing the
 * standings the previous ones left: the chosen partner gets an open lead and a recent lead, accepts
 * it quickly, and closes it a few leads later. Recent leads decay as in a sliding window.
 */
class FairnessSimulationTest {

    private static final int LEADS = 10_000;
    /** Recent leads lose this share per routed lead: a window of about 500 leads. */
    private static final double DECAY = 1.0 / 500;
    private static final int LEADS_STAY_OPEN_FOR = 6;

    private final RoutingPolicy policy = new RoutingPolicy(RoutingWeights.DEFAULT);

    @Test
    void partnersWeighted1To2To4InTheSameAreaGetSharesWithin5PercentOfTheirWeights() {
        RoutablePartner one = partner("Weight 1").tier("REGISTERED").serviceArea("Lyon", LYON, 50).capacity(20).build();
        RoutablePartner two = partner("Weight 2").tier("SILVER").serviceArea("Lyon", LYON, 50).capacity(20).build();
        RoutablePartner four = partner("Weight 4").tier("GOLD").serviceArea("Lyon", LYON, 50).capacity(20).build();

        Map<UUID, Integer> received = simulate(List.of(one, two, four), true);

        assertShare(received.get(one.id()), 1.0 / 7);
        assertShare(received.get(two.id()), 2.0 / 7);
        assertShare(received.get(four.id()), 4.0 / 7);
    }

    @Test
    void equalPartnersGetNearEqualSharesNotEveryTieToTheSameOne() {
        RoutablePartner a = partner("Equal A").serviceArea("Lyon", LYON, 50).capacity(20).build();
        RoutablePartner b = partner("Equal B").serviceArea("Lyon", LYON, 50).capacity(20).build();
        RoutablePartner c = partner("Equal C").serviceArea("Lyon", LYON, 50).capacity(20).build();

        Map<UUID, Integer> received = simulate(List.of(a, b, c), true);

        for (RoutablePartner partner : List.of(a, b, c)) {
            assertShare(received.get(partner.id()), 1.0 / 3);
        }
    }

    @Test
    void equalPartnersShareTiesEvenWithoutAnyRecordOfPastLeads() {
        // Odoo's failure: with nothing to tell equal partners apart, every tie went to the same one.
        // Here the tie-break alone, with standings never updated, spreads the leads.
        RoutablePartner a = partner("Equal A").build();
        RoutablePartner b = partner("Equal B").build();
        RoutablePartner c = partner("Equal C").build();

        Map<UUID, Integer> received = simulate(List.of(a, b, c), false);

        for (RoutablePartner partner : List.of(a, b, c)) {
            assertShare(received.get(partner.id()), 1.0 / 3);
        }
    }

    private Map<UUID, Integer> simulate(List<RoutablePartner> partners, boolean recordLeads) {
        Map<UUID, Integer> received = new LinkedHashMap<>();
        Map<UUID, Double> recent = new HashMap<>();
        Map<UUID, Integer> open = new HashMap<>();
        Map<UUID, Double> offers = new HashMap<>();
        partners.forEach(partner -> {
            received.put(partner.id(), 0);
            recent.put(partner.id(), 0.0);
            open.put(partner.id(), 0);
            offers.put(partner.id(), 0.0);
        });
        Queue<UUID> toClose = new ArrayDeque<>();
        for (int i = 0; i < LEADS; i++) {
            Map<UUID, Standing> standings = new HashMap<>();
            for (RoutablePartner partner : partners) {
                UUID id = partner.id();
                standings.put(id, new Standing(open.get(id), 0, offers.get(id), offers.get(id),
                        offers.get(id) > 0 ? Duration.ofMinutes(10) : null, recent.get(id)));
            }
            var lead = lead().id(new UUID(0x5EED, i)).at(LYON).build();
            RoutingDecision decision = policy.decide(lead, partners, recordLeads ? standings : Map.of(), Map.of(), NOW);
            UUID chosen = ((RoutingDecision.Chosen) decision).ranked().get(0).partner().id();
            received.merge(chosen, 1, Integer::sum);
            if (recordLeads) {
                recent.replaceAll((id, count) -> count * (1 - DECAY));
                recent.merge(chosen, 1.0, Double::sum);
                offers.merge(chosen, 1.0, Double::sum);
                open.merge(chosen, 1, Integer::sum);
                toClose.add(chosen);
                if (toClose.size() > LEADS_STAY_OPEN_FOR) {
                    open.merge(toClose.remove(), -1, Integer::sum);
                }
            }
        }
        Map<String, Integer> byName = new LinkedHashMap<>();
        partners.forEach(partner -> byName.put(partner.name(), received.get(partner.id())));
        System.out.println("leads received of " + LEADS + (recordLeads ? "" : " (standings never updated)") + ": " + byName);
        return received;
    }

    private static void assertShare(int leads, double expected) {
        double share = (double) leads / LEADS;
        assertThat(Math.abs(share - expected) / expected)
                .as("share %.4f against %.4f", share, expected)
                .isLessThanOrEqualTo(0.05);
    }
}
