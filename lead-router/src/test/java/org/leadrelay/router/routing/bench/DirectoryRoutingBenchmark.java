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
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.Coordinates;
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
import org.openjdk.jmh.runner.RunnerException;

/**
 * One routing decision against a whole directory: the {@link PartnerIndex} lookup of the lead's
 * candidates, then {@link RoutingPolicy#decide} over them ({@code route}), and the lookup alone
 * ({@code lookup}). The directory spreads its partners over 55 countries, most in FR, DE and US;
 * each offers 3 to 8 of 40 terms (30 products, 10 services; some terms far more common than
 * others), two in five have a service area near their country's centre, one in seven delivers some
 * services remotely, one in ten covers a second country; statuses, capacities and standings vary
 * as in {@link RoutingDecisionBenchmark}. Leads follow the same country weights and term
 * popularity. How to run it: docs/performance.md, "Routing decision against the directory".
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class DirectoryRoutingBenchmark {

    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    /** Country, weight in the directory and the leads, approximate centre, language. */
    record Country(String code, double weight, double lat, double lon, String language) {
    }

    static final List<Country> COUNTRIES = List.of(
            new Country("FR", 20, 46.6, 2.4, "fr"), new Country("DE", 15, 51.1, 10.4, "de"), new Country("US", 15, 39.8, -98.6, "en"),
            new Country("GB", 4, 53.0, -1.5, "en"), new Country("ES", 3, 40.2, -3.7, "es"), new Country("IT", 3, 42.8, 12.5, "it"),
            new Country("NL", 2.5, 52.2, 5.3, "nl"), new Country("BE", 2.5, 50.6, 4.6, "fr"), new Country("CH", 2, 46.8, 8.2, "de"),
            new Country("CA", 2, 45.5, -73.6, "fr"), new Country("AT", 1.5, 47.6, 14.1, "de"), new Country("PL", 1.5, 52.1, 19.4, "pl"),
            new Country("SE", 1, 62.0, 15.0, "sv"), new Country("NO", 1, 61.0, 9.0, "no"), new Country("DK", 1, 56.0, 10.0, "da"),
            new Country("FI", 1, 64.0, 26.0, "fi"), new Country("IE", 1, 53.2, -8.2, "en"), new Country("PT", 1, 39.6, -8.0, "pt"),
            new Country("LU", 1, 49.8, 6.1, "fr"), new Country("CZ", 1, 49.8, 15.5, "cs"), new Country("AU", 1, -25.3, 133.8, "en"),
            new Country("NZ", 0.5, -41.0, 174.0, "en"), new Country("JP", 1, 36.2, 138.3, "ja"), new Country("SG", 0.5, 1.35, 103.8, "en"),
            new Country("IN", 1, 21.0, 78.0, "en"), new Country("BR", 1, -14.2, -51.9, "pt"), new Country("MX", 0.5, 23.6, -102.5, "es"),
            new Country("AR", 0.5, -38.4, -63.6, "es"), new Country("CL", 0.5, -35.7, -71.5, "es"), new Country("CO", 0.5, 4.6, -74.1, "es"),
            new Country("ZA", 0.5, -30.6, 22.9, "en"), new Country("MA", 0.5, 31.8, -7.1, "fr"), new Country("TN", 0.5, 33.9, 9.5, "fr"),
            new Country("SN", 0.3, 14.5, -14.5, "fr"), new Country("CI", 0.3, 7.5, -5.5, "fr"), new Country("EG", 0.3, 26.8, 30.8, "en"),
            new Country("IL", 0.3, 31.0, 34.9, "en"), new Country("AE", 0.3, 23.4, 53.8, "en"), new Country("TR", 0.5, 39.0, 35.2, "tr"),
            new Country("GR", 0.5, 39.1, 21.8, "el"), new Country("RO", 0.5, 45.9, 25.0, "ro"), new Country("HU", 0.5, 47.2, 19.5, "hu"),
            new Country("SK", 0.3, 48.7, 19.7, "sk"), new Country("SI", 0.3, 46.2, 14.9, "sl"), new Country("HR", 0.3, 45.1, 15.2, "hr"),
            new Country("BG", 0.3, 42.7, 25.5, "bg"), new Country("EE", 0.3, 58.6, 25.0, "et"), new Country("LV", 0.3, 56.9, 24.6, "lv"),
            new Country("LT", 0.3, 55.2, 23.9, "lt"), new Country("IS", 0.2, 64.9, -19.0, "en"), new Country("MT", 0.2, 35.9, 14.4, "en"),
            new Country("CY", 0.2, 35.1, 33.4, "en"), new Country("KR", 0.5, 35.9, 127.8, "ko"), new Country("TW", 0.3, 23.7, 121.0, "en"),
            new Country("PH", 0.3, 12.9, 121.8, "en"));

    static final List<String> PRODUCTS = List.of("postgresql", "mysql", "mariadb", "oracle", "mongodb", "redis", "java", "python",
            "php", "nodejs", "dotnet", "go", "kubernetes", "docker", "linux", "windows-server", "tomcat", "wildfly", "nginx", "kafka",
            "rabbitmq", "elasticsearch", "ansible", "terraform", "aws", "azure", "gcp", "sap", "salesforce", "odoo");
    static final List<String> SERVICES = List.of("migration", "support", "training", "audit", "development", "hosting",
            "consulting", "integration", "monitoring", "security");
    static final List<String> TERMS = concat(PRODUCTS, SERVICES);
    static final String[] TIERS = {"PLATINUM", "GOLD", "GOLD", "SILVER", "SILVER", "SILVER", "REGISTERED", "REGISTERED"};

    @Param({"1000", "10000", "100000"})
    int partners;

    private final RoutingPolicy policy = new RoutingPolicy(RoutingWeights.DEFAULT);
    private PartnerIndex index;
    private Map<UUID, Standing> standings;
    private LeadReceived[] leads;
    /**
     * Per lead, its candidates' standings, as the router's database answers for them: read before
     * the timer, since the database's round trip is not the decision's (docs/performance.md).
     */
    private Map<UUID, Standing>[] answers;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(20261124L);
        List<Country> countries = COUNTRIES;
        double total = countries.stream().mapToDouble(Country::weight).sum();
        long before = usedHeap();
        List<RoutablePartner> directory = new ArrayList<>(partners);
        standings = new HashMap<>();
        for (int i = 0; i < partners; i++) {
            RoutablePartner partner = partner(random, i, countries, total);
            directory.add(partner);
            if (random.nextInt(10) > 0) {
                double offers = random.nextInt(60);
                standings.put(partner.id(), new Standing(random.nextInt(partner.capacity() + 2), random.nextInt(30), offers,
                        offers * (0.4 + 0.6 * random.nextDouble()), Duration.ofMinutes(5 + random.nextInt(600)),
                        random.nextInt(40) * random.nextDouble()));
            }
        }
        long copies = usedHeap();
        index = PartnerIndex.of(directory);
        long indexed = usedHeap();
        System.out.printf("%n%d partners: copies and standings %d bytes per partner, the index %d more%n", partners,
                (copies - before) / partners, (indexed - copies) / partners);
        leads = new LeadReceived[1024];
        answers = newAnswers(leads.length);
        long candidates = 0;
        int most = 0;
        for (int i = 0; i < leads.length; i++) {
            leads[i] = lead(random, i, countries, total);
            List<RoutablePartner> found = index.find(leads[i]).partners();
            answers[i] = new HashMap<>();
            for (RoutablePartner candidate : found) {
                Standing standing = standings.get(candidate.id());
                if (standing != null) {
                    // keyed by the partners' own ids, as the router's answer is (the ids it asked for)
                    answers[i].put(candidate.id(), standing);
                }
            }
            candidates += found.size();
            most = Math.max(most, found.size());
        }
        System.out.printf("%n%d partners: %.0f candidates per lead on average, %d at most%n", partners,
                (double) candidates / leads.length, most);
    }

    @Benchmark
    public RoutingDecision route() {
        int i = next++ & (leads.length - 1);
        Map<UUID, Standing> answer = answers[i];
        return policy.decideAmong(leads[i], index.find(leads[i]), admitted -> answer, Map.of(), NOW);
    }

    @SuppressWarnings("unchecked")
    private static Map<UUID, Standing>[] newAnswers(int size) {
        return new Map[size];
    }

    @Benchmark
    public PartnerIndex.Found lookup() {
        return index.find(leads[next++ & (leads.length - 1)]);
    }

    /** The heap in use after a full collection (an estimate: the JVM may not collect everything). */
    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static Country country(Random random, List<Country> countries, double total) {
        double draw = random.nextDouble() * total;
        for (Country country : countries) {
            draw -= country.weight();
            if (draw < 0) {
                return country;
            }
        }
        return countries.get(0);
    }

    /** A term, the first ones of each list far more often than the last (PostgreSQL more than Odoo). */
    static String popular(Random random, List<String> terms) {
        return terms.get((int) (terms.size() * Math.pow(random.nextDouble(), 1.6)));
    }

    static RoutablePartner partner(Random random, int i, List<Country> countries, double total) {
        Country home = country(random, countries, total);
        List<String> covered = new ArrayList<>(List.of(home.code()));
        if (random.nextInt(10) == 0) {
            String second = country(random, countries, total).code();
            if (!covered.contains(second)) {
                covered.add(second);
            }
        }
        List<String> specialities = new ArrayList<>();
        List<Expertise> expertise = new ArrayList<>();
        int count = 3 + random.nextInt(6);
        while (specialities.size() < count) {
            String term = random.nextInt(4) == 0 ? popular(random, SERVICES) : popular(random, PRODUCTS);
            if (!specialities.contains(term)) {
                specialities.add(term);
                boolean certified = random.nextInt(3) == 0;
                expertise.add(new Expertise(SERVICES.contains(term) ? "SERVICE" : "PRODUCT", term,
                        certified ? Expertise.CERTIFIED : Expertise.EXPERIENCED,
                        certified ? LocalDate.parse("2026-01-01").plusDays(random.nextInt(900)) : null));
            }
        }
        List<ServiceArea> areas = random.nextInt(5) < 2
                ? List.of(new ServiceArea("office " + i, near(random, home, 3), 30 + random.nextInt(150)))
                : List.of();
        List<String> remote = new ArrayList<>();
        if (random.nextInt(7) == 0) {
            for (String term : specialities) {
                if (SERVICES.contains(term) && random.nextBoolean()) {
                    remote.add(term);
                }
            }
            if (remote.isEmpty()) {
                remote.add(popular(random, SERVICES));
            }
        }
        List<String> languages = "en".equals(home.language()) ? List.of("en")
                : random.nextBoolean() ? List.of(home.language(), "en") : List.of(home.language());
        int statusDraw = random.nextInt(14);
        String status = statusDraw == 0 ? "PAUSED" : statusDraw == 1 ? "ONBOARDING" : "ACTIVE";
        return new RoutablePartner(new UUID(0xD1EC7L, i), "Partner " + i, TIERS[random.nextInt(TIERS.length)], covered, specialities,
                languages, 3 + random.nextInt(18), "ACTIVE".equals(status), 1, status,
                random.nextInt(10) == 0 ? 0.5 + random.nextInt(10) : null, expertise, List.of(), areas, remote,
                random.nextInt(4) == 0 ? 10 + random.nextInt(40) : null, null, null);
    }

    static LeadReceived lead(Random random, int i, List<Country> countries, double total) {
        Country country = country(random, countries, total);
        List<String> products = new ArrayList<>(List.of(popular(random, PRODUCTS)));
        if (random.nextBoolean()) {
            String second = popular(random, PRODUCTS);
            if (!products.contains(second)) {
                products.add(second);
            }
        }
        List<String> services = random.nextInt(4) == 0 ? List.of() : List.of(popular(random, SERVICES));
        return new LeadReceived(new UUID(0x1EADL, i), LeadKeyServer.seal(new UUID(0x1EADL, i), new Contact("Camille Martin", "camille@example.org", null, null), null),
                new Need(products, services, null),
                new Location(country.code(), null, null, null, random.nextInt(4) == 0 ? null : near(random, country, 3)),
                random.nextInt(6) == 0 ? "en" : country.language(), 50, new Consent("partner-contact-v1", NOW), "website-form", NOW);
    }

    static Coordinates near(Random random, Country country, double degrees) {
        return new Coordinates(Math.max(-89, Math.min(89, country.lat() + (random.nextDouble() * 2 - 1) * degrees)),
                Math.max(-179, Math.min(179, country.lon() + (random.nextDouble() * 2 - 1) * degrees)));
    }

    static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    /** Runs the benchmark from the test classpath; JMH options (for example {@code -p partners=10000}) may follow. */
    public static void main(String[] args) throws RunnerException {
        try {
            org.openjdk.jmh.Main.main(args.length > 0 ? args : new String[] {DirectoryRoutingBenchmark.class.getSimpleName()});
        } catch (Exception e) {
            throw new RunnerException(e);
        }
    }
}
