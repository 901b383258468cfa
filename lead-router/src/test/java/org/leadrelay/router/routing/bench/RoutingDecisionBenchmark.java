package org.leadrelay.router.routing.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.leadrelay.events.Absence;
import org.leadrelay.events.Availability;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.Environment;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.events.ServiceArea;
import org.leadrelay.router.routing.PartnerIndex;
import org.leadrelay.router.routing.RoutablePartner;
import org.leadrelay.router.routing.RoutingDecision;
import org.leadrelay.router.routing.RoutingPolicy;
import org.leadrelay.router.routing.RoutingWeights;
import org.leadrelay.router.routing.Standing;
import org.leadrelay.testing.LeadKeyServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One routing decision over a country's partners: as the router makes it ({@code decide}: the
 * index's candidates for the lead, {@link RoutingPolicy#decideAmong}), and rule by rule over every
 * partner of the country ({@code decideOneByOne}: {@link RoutingPolicy#decide}, what tests and a
 * list of partners use). A realistic French directory (a seventh of the partners not active or away,
 * a third restricted to a few regions, half with offices, specialities from a vocabulary of 20
 * terms, some with a full capacity or a weekly cap), each with a standing. The leads vary in need,
 * region, position and language, so the eligible share varies too (about a third on average).
 * How to run it: docs/performance.md, "Routing decision".
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class RoutingDecisionBenchmark {

    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    static final List<String> VOCABULARY = List.of("postgresql", "mysql", "mariadb", "oracle", "mongodb", "java", "python", "php",
            "kubernetes", "linux", "tomcat", "wildfly", "kafka", "elasticsearch", "migration", "support", "training", "audit",
            "development", "hosting");
    static final List<String> SERVICES = List.of("migration", "support", "training", "audit", "development", "hosting");
    static final List<String> REGIONS = List.of("FR-ARA", "FR-BFC", "FR-BRE", "FR-CVL", "FR-COR", "FR-GES", "FR-HDF", "FR-IDF",
            "FR-NOR", "FR-NAQ", "FR-OCC", "FR-PDL", "FR-PAC");
    static final List<Coordinates> CITIES = List.of(new Coordinates(45.764, 4.836), new Coordinates(47.322, 5.041),
            new Coordinates(48.117, -1.678), new Coordinates(47.902, 1.909), new Coordinates(41.919, 8.738),
            new Coordinates(48.573, 7.752), new Coordinates(50.629, 3.057), new Coordinates(48.857, 2.352),
            new Coordinates(49.443, 1.099), new Coordinates(44.838, -0.579), new Coordinates(43.605, 1.444),
            new Coordinates(47.218, -1.554), new Coordinates(43.296, 5.370));
    static final String[] TIERS = {"PLATINUM", "GOLD", "GOLD", "SILVER", "SILVER", "SILVER", "REGISTERED", "REGISTERED"};

    @Param({"50", "500", "5000"})
    int partners;

    private final RoutingPolicy policy = new RoutingPolicy(RoutingWeights.DEFAULT);
    private List<RoutablePartner> candidates;
    private PartnerIndex index;
    private Map<UUID, Standing> standings;
    private LeadReceived[] leads;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(20261123L);
        candidates = new ArrayList<>(partners);
        standings = new HashMap<>();
        for (int i = 0; i < partners; i++) {
            RoutablePartner partner = partner(random, i);
            candidates.add(partner);
            if (random.nextInt(10) > 0) {
                double offers = random.nextInt(60);
                int capacity = partner.capacity();
                standings.put(partner.id(), new Standing(random.nextInt(capacity + 2), random.nextInt(30), offers,
                        offers * (0.4 + 0.6 * random.nextDouble()), Duration.ofMinutes(5 + random.nextInt(600)),
                        random.nextInt(40) * random.nextDouble()));
            }
        }
        index = PartnerIndex.of(candidates);
        leads = new LeadReceived[256];
        for (int i = 0; i < leads.length; i++) {
            leads[i] = lead(random, i);
        }
    }

    @Benchmark
    public RoutingDecision decide() {
        LeadReceived lead = leads[next++ & (leads.length - 1)];
        return policy.decideAmong(lead, index.find(lead), admitted -> standings, Map.of(), NOW);
    }

    @Benchmark
    public RoutingDecision decideOneByOne() {
        LeadReceived lead = leads[next++ & (leads.length - 1)];
        return policy.decide(lead, candidates, standings, Map.of(), NOW);
    }

    static RoutablePartner partner(Random random, int i) {
        List<String> specialities = new ArrayList<>();
        List<Expertise> expertise = new ArrayList<>();
        int count = 2 + random.nextInt(5);
        while (specialities.size() < count) {
            String term = VOCABULARY.get(random.nextInt(VOCABULARY.size()));
            if (!specialities.contains(term)) {
                specialities.add(term);
                boolean certified = random.nextInt(3) == 0;
                expertise.add(new Expertise(SERVICES.contains(term) ? "SERVICE" : "PRODUCT", term,
                        certified ? Expertise.CERTIFIED : Expertise.EXPERIENCED,
                        certified ? LocalDate.parse("2026-01-01").plusDays(random.nextInt(900)) : null));
            }
        }
        List<String> regions = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            for (int r = 1 + random.nextInt(3); r > 0; r--) {
                regions.add(REGIONS.get(random.nextInt(REGIONS.size())));
            }
        }
        List<ServiceArea> areas = new ArrayList<>();
        if (random.nextBoolean()) {
            Coordinates city = CITIES.get(random.nextInt(CITIES.size()));
            areas.add(new ServiceArea("office " + i, city, 30 + random.nextInt(150)));
        }
        List<String> remote = random.nextInt(4) == 0 ? List.of("support", "training", "audit") : List.of();
        List<String> languages = random.nextInt(5) == 0 ? List.of("en") : random.nextBoolean() ? List.of("fr", "en") : List.of("fr");
        int statusDraw = random.nextInt(14);
        String status = statusDraw == 0 ? "PAUSED" : statusDraw == 1 ? "ONBOARDING" : "ACTIVE";
        Availability availability = random.nextInt(20) == 0
                ? new Availability("Europe/Paris", List.of(), List.of(new Absence(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)))))
                : null;
        return new RoutablePartner(new UUID(0xBE4C4L, i), "Partner " + i, TIERS[random.nextInt(TIERS.length)], List.of("FR"),
                specialities, languages, 3 + random.nextInt(18), "ACTIVE".equals(status), 1, status,
                random.nextInt(10) == 0 ? 0.5 + random.nextInt(10) : null, expertise, regions, areas, remote,
                random.nextInt(4) == 0 ? 10 + random.nextInt(40) : null, availability, null);
    }

    static LeadReceived lead(Random random, int i) {
        List<String> products = new ArrayList<>();
        products.add(VOCABULARY.get(random.nextInt(14)));
        if (random.nextBoolean()) {
            String second = VOCABULARY.get(random.nextInt(14));
            if (!products.contains(second)) {
                products.add(second);
            }
        }
        List<String> services = random.nextInt(4) == 0 ? List.of() : List.of(SERVICES.get(random.nextInt(SERVICES.size())));
        int city = random.nextInt(CITIES.size());
        Environment environment = random.nextBoolean() ? new Environment(List.of("linux"), List.of(), List.of()) : Environment.NONE;
        return new LeadReceived(new UUID(0x1EADL, i), LeadKeyServer.seal(new UUID(0x1EADL, i), new Contact("Camille Martin", "camille@example.fr", null, null), null),
                new Need(products, services, environment),
                new Location("FR", random.nextInt(5) == 0 ? "Somewhere" : REGIONS.get(city), null, null,
                        random.nextInt(4) == 0 ? null : CITIES.get(city)),
                random.nextInt(6) == 0 ? "en" : "fr", 50, new Consent("partner-contact-v1", NOW), "website-form", NOW);
    }

    /** Runs the benchmark from the test classpath; JMH options (for example {@code -p partners=500}) may follow. */
    public static void main(String[] args) throws RunnerException {
        if (args.length > 0) {
            try {
                org.openjdk.jmh.Main.main(args);
            } catch (Exception e) {
                throw new RunnerException(e);
            }
            return;
        }
        new Runner(new OptionsBuilder().include(RoutingDecisionBenchmark.class.getSimpleName()).build()).run();
    }
}
