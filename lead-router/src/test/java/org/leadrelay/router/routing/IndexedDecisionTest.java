package org.leadrelay.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.router.routing.Routables.NOW;
import static org.leadrelay.router.routing.Routables.lead;
import static org.leadrelay.router.routing.Routables.partner;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.Environment;
import org.leadrelay.events.LeadReceived;

/**
 * A decision over an index's candidates ({@link RoutingPolicy#decideAmong}: rules applied with the
 * index's sets of partners, components scored from its columns) is the decision the rules and
 * components give partner by partner ({@link RuleByRuleRouting}, the reference, in the tests only):
 * same order, same scores and reasons, same partners passed over with the same reasons and counts,
 * across random directories with every kind of partner a rule, a set or a column tells apart. A
 * list of partners ({@link RoutingPolicy#decide}) goes the same path and decides the same.
 */
class IndexedDecisionTest {

    private static final List<String> COUNTRIES = List.of("FR", "BE", "DE", "CH");
    private static final List<String> REGIONS = List.of("FR-ARA", "FR-IDF", "FR-HDF", "BE-WAL", "BE-BRU", "DE-BY", "CH-GE");
    private static final List<String> TERMS = List.of("postgresql", "java", "kafka", "linux", "migration", "support", "training");
    private static final List<String> SERVICES = List.of("migration", "support", "training");
    private static final List<String> LANGUAGES = List.of("fr", "en", "de", "nl");
    private static final List<String> STATUSES = List.of("ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "PAUSED", "ONBOARDING", "SUSPENDED");
    private static final List<Coordinates> PLACES = List.of(Routables.LYON, Routables.PARIS, Routables.LILLE, Routables.TOURNAI,
            Routables.GRENOBLE, new Coordinates(46.2044, 6.1432), new Coordinates(48.1351, 11.582));

    @Test
    void theIndexedDecisionIsTheDecisionPartnerByPartner() {
        Random random = new Random(20261123L);
        int chosen = 0;
        int nobody = 0;
        for (int directory = 0; directory < 20; directory++) {
            List<RoutablePartner> partners = new ArrayList<>();
            Map<UUID, Standing> standings = new HashMap<>();
            for (int i = 0, size = directory % 2 == 0 ? 150 : 12; i < size; i++) {
                RoutablePartner partner = randomPartner(random, directory * 1000 + i);
                partners.add(partner);
                if (random.nextInt(4) > 0) {
                    double offers = random.nextInt(30);
                    standings.put(partner.id(), new Standing(random.nextInt(partner.capacity() + 2), random.nextInt(12), offers,
                            offers * random.nextDouble(), random.nextBoolean() ? null : Duration.ofMinutes(1 + random.nextInt(900)),
                            random.nextInt(20) * random.nextDouble()));
                }
            }
            PartnerIndex index = PartnerIndex.of(partners);
            RoutingPolicy policy = new RoutingPolicy(random.nextBoolean() ? RoutingWeights.DEFAULT : withoutFallbackLanguage());
            for (int l = 0; l < 40; l++) {
                LeadReceived lead = randomLead(random, new UUID(directory, l));
                List<RoutablePartner> candidates = index.candidatesFor(lead);
                Map<UUID, String> tried = new HashMap<>();
                for (int t = random.nextInt(3); t > 0 && !candidates.isEmpty(); t--) {
                    tried.put(candidates.get(random.nextInt(candidates.size())).id(), random.nextBoolean() ? "declined" : "expired");
                }

                RoutingDecision oneByOne = new RuleByRuleRouting(policy).decide(lead, candidates, standings, tried, NOW);
                RoutingDecision indexed = policy.decideAmong(lead, index.find(lead), admitted -> standings, tried, NOW);
                RoutingDecision fromList = policy.decide(lead, candidates, standings, tried, NOW);

                assertThat(fromList.passedOver()).as("directory %d, lead %d: a list decides as the index", directory, l)
                        .isEqualTo(indexed.passedOver());
                assertThat(fromList.passedOverCounts()).isEqualTo(indexed.passedOverCounts());
                assertThat(ids(fromList)).isEqualTo(ids(indexed));

                assertThat(indexed.passedOverCounts()).as("directory %d, lead %d", directory, l).isEqualTo(oneByOne.passedOverCounts());
                assertThat(indexed.passedOver()).as("directory %d, lead %d", directory, l).isEqualTo(oneByOne.passedOver());
                assertThat(indexed.getClass()).isEqualTo(oneByOne.getClass());
                if (oneByOne instanceof RoutingDecision.Chosen expected) {
                    chosen++;
                    List<Ranked> ranked = ((RoutingDecision.Chosen) indexed).ranked();
                    assertThat(ranked).as("directory %d, lead %d", directory, l).hasSameSizeAs(expected.ranked());
                    for (int i = 0; i < ranked.size(); i++) {
                        assertThat(ranked.get(i).partner().id()).isEqualTo(expected.ranked().get(i).partner().id());
                        assertThat(ranked.get(i).score()).isEqualTo(expected.ranked().get(i).score());
                    }
                } else {
                    nobody++;
                    assertThat(((RoutingDecision.Nobody) indexed).reason()).isEqualTo(((RoutingDecision.Nobody) oneByOne).reason());
                }
            }
        }
        assertThat(chosen).as("decisions with a partner").isGreaterThan(300);
        assertThat(nobody).as("decisions without").isGreaterThan(10);
    }

    private static RoutingWeights withoutFallbackLanguage() {
        RoutingWeights w = RoutingWeights.DEFAULT;
        return new RoutingWeights(w.speciality(), w.distance(), w.language(), w.tier(), w.headroom(), w.responsiveness(), w.fairness(),
                w.fairnessScaleLeads(), w.experiencedCredit(), w.environmentCredit(), w.distanceHorizonKm(), null,
                w.priorAcceptanceRate(), w.priorOffers(), w.answerTimeReference(), w.tierWeights(), w.maxPassedOver(), w.maxFallbacks());
    }

    private static RoutablePartner randomPartner(Random random, int number) {
        Routables.PartnerBuilder partner = partner("Partner " + number)
                .countries(pick(random, COUNTRIES, 1 + random.nextInt(2)).toArray(String[]::new))
                .specialities(pick(random, TERMS, 1 + random.nextInt(3)).toArray(String[]::new))
                .languages(pick(random, LANGUAGES, 1 + random.nextInt(2)).toArray(String[]::new))
                .status(STATUSES.get(random.nextInt(STATUSES.size())))
                .tier(List.of("PLATINUM", "GOLD", "SILVER", "REGISTERED", "gold", "UNKNOWN").get(random.nextInt(6)))
                .capacity(random.nextInt(8))
                .weeklyCapacity(random.nextInt(3) == 0 ? random.nextInt(10) : null)
                .routingWeight(random.nextInt(6) == 0 ? random.nextDouble() * 5 : null);
        if (random.nextInt(3) == 0) {
            partner.regions(pick(random, REGIONS, 1 + random.nextInt(2)).toArray(String[]::new));
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            String term = TERMS.get(random.nextInt(TERMS.size()));
            if (random.nextBoolean()) {
                partner.certified(term, random.nextInt(4) == 0 ? null : LocalDate.of(2026, 1, 1).plusDays(random.nextInt(700)));
            } else {
                partner.experienced(term);
            }
        }
        for (int areas = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0; areas > 0; areas--) {
            partner.serviceArea(random.nextBoolean() ? null : "office", PLACES.get(random.nextInt(PLACES.size())), 20 + random.nextInt(300));
        }
        if (random.nextInt(5) == 0) {
            partner.remoteServices(pick(random, SERVICES, 1 + random.nextInt(2)).toArray(String[]::new));
        }
        if (random.nextInt(6) == 0) {
            java.time.Instant from = NOW.plus(Duration.ofDays(random.nextInt(10) - 6));
            partner.outOfOffice(from, from.plus(Duration.ofDays(1 + random.nextInt(5))));
        }
        return partner.build();
    }

    private static LeadReceived randomLead(Random random, UUID id) {
        String country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
        List<String> regions = REGIONS.stream().filter(region -> region.startsWith(country)).toList();
        String region = random.nextInt(5) == 0 ? null
                : random.nextInt(5) == 0 || regions.isEmpty() ? "Somewhere" : regions.get(random.nextInt(regions.size()));
        return lead().id(id)
                .products(pick(random, TERMS.subList(0, 4), 1 + random.nextInt(2)).toArray(String[]::new))
                .services(random.nextInt(3) == 0 ? new String[0] : pick(random, SERVICES, 1 + random.nextInt(2)).toArray(String[]::new))
                .environment(random.nextInt(3) == 0 ? new Environment(List.of("linux"), List.of(), List.of()) : Environment.NONE)
                .in(country, region)
                .at(random.nextInt(4) == 0 ? null : PLACES.get(random.nextInt(PLACES.size())))
                .language(LANGUAGES.get(random.nextInt(LANGUAGES.size())))
                .build();
    }

    private static List<String> pick(Random random, List<String> from, int count) {
        List<String> picked = new ArrayList<>();
        while (picked.size() < Math.min(count, from.size())) {
            String one = from.get(random.nextInt(from.size()));
            if (!picked.contains(one)) {
                picked.add(one);
            }
        }
        return picked;
    }

    /** The ranked partners' ids, best first; none for nobody. */
    private static List<UUID> ids(RoutingDecision decision) {
        return decision instanceof RoutingDecision.Chosen chosen ? chosen.ranked().stream().map(ranked -> ranked.partner().id()).toList()
                : List.of();
    }
}
