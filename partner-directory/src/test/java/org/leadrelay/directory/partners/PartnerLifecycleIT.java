package org.leadrelay.directory.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.testing.TopicProbe.header;
import static org.leadrelay.testing.TopicProbe.keyed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.directory.PartnerDirectoryApplication;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.NotificationContact;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Updates, status changes, deletion, audit and the partners' self-service API, through HTTP, MongoDB and the partners topic. */
@WithInfrastructure
@SpringBootTest(classes = PartnerDirectoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + PartnerDirectoryApplication.CONFIG_NAME,
                "leadrelay.webhooks.allowed-hosts=127.0.0.1", "leadrelay.directory.census-interval=500ms"})
class PartnerLifecycleIT {

    static final String OPERATOR = PartnerDirectoryIT.OPERATOR;
    static final String FULL_PROFILE = """
            {"name": "Lyon Open Source", "legalName": "Lyon Open Source SARL", "website": "https://lyon-oss.example",
             "tier": "GOLD", "countries": ["FR"], "regions": ["fr-ara"],
             "expertise": [{"kind": "DATABASE", "term": "PostgreSQL", "level": "CERTIFIED", "certifiedUntil": "2027-06-30"},
                           {"kind": "service", "term": "migration"}],
             "serviceAreas": [{"label": "Lyon office", "latitude": 45.76, "longitude": 4.84, "radiusKm": 80}],
             "remoteServices": ["Training"], "languages": ["fr", "en"],
             "capacity": 4, "weeklyCapacity": 10, "maxCapacity": 8,
             "availability": {"timeZone": "Europe/Paris",
                              "businessHours": [{"days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"], "opens": "09:00", "closes": "18:00"}]},
             "answerDeadline": "PT8H",
             "contacts": [{"email": "leads@Lyon-OSS.example", "language": "fr"}, {"email": "ceo@lyon-oss.example"}],
             "webhookUrl": "http://127.0.0.1:9999/hooks"}
            """;
    private static TopicProbe partnersTopic;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();

    @LocalServerPort
    int port;

    @Autowired
    Partners partners;

    @Autowired
    PublishingPartners publishing;

    @BeforeAll
    static void watchTopic() {
        partnersTopic = TopicProbe.on(Topics.PARTNERS);
    }

    @AfterAll
    static void stopWatching() {
        partnersTopic.close();
    }

    @Test
    void registersTheWholeProfileAndPublishesIt() throws Exception {
        Registered lyon = register(FULL_PROFILE);

        PartnerUpserted event = upserted(lyon.id(), 1);
        assertThat(event.status()).isEqualTo("ACTIVE");
        assertThat(event.active()).isTrue();
        assertThat(event.routingWeight()).isEqualTo(4.0);
        assertThat(event.expertise()).containsExactly(
                new Expertise("DATABASE", "postgresql", "CERTIFIED", java.time.LocalDate.parse("2027-06-30")),
                new Expertise("SERVICE", "migration", "EXPERIENCED", null));
        assertThat(event.specialities()).containsExactly("postgresql", "migration");
        assertThat(event.regions()).containsExactly("FR-ARA");
        assertThat(event.serviceAreas()).singleElement().satisfies(area -> assertThat(area.radiusKm()).isEqualTo(80));
        assertThat(event.remoteServices()).containsExactly("training");
        assertThat(event.weeklyCapacity()).isEqualTo(10);
        assertThat(event.availability().timeZone()).isEqualTo("Europe/Paris");
        assertThat(event.availability().businessHours()).singleElement()
                .satisfies(hours -> assertThat(hours.opens()).isEqualTo(java.time.LocalTime.of(9, 0)));
        assertThat(event.answerDeadline()).isEqualTo(Duration.ofHours(8));
        assertThat(event.contacts()).containsExactly(new NotificationContact("leads@lyon-oss.example", "fr"),
                new NotificationContact("ceo@lyon-oss.example", null));
        assertThat(event.notificationEmail()).isEqualTo("leads@lyon-oss.example");
        assertThat(event.webhookEnabled()).isTrue();
        assertThat(event.signingKeys()).singleElement().satisfies(key -> assertThat(key.generation()).isEqualTo(1));
        assertThat(event.legalName()).isEqualTo("Lyon Open Source SARL");
        assertThat(lyon.apiKey()).startsWith("lrp_");
    }

    @Test
    void refusesWhatAnnotationsCannotSeeNamingEachField() throws Exception {
        HttpResponse<String> response = send("POST", "/api/partners", OPERATOR, """
                {"name": "Bad", "countries": ["FR"], "regions": ["DE-BY"], "expertise": [{"kind": "HOBBY", "term": "chess"}],
                 "availability": {"timeZone": "Mars/Olympus"}, "answerDeadline": "PT0S", "notificationEmail": "x@bad.example"}
                """, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").findValuesAsString("pointer"))
                .containsExactlyInAnyOrder("/regions/0", "/expertise/0/kind", "/expertise", "/availability/timeZone", "/answerDeadline");
    }

    @Test
    void anUpdateNeedsTheCurrentRevisionAndAStaleOneGets412() throws Exception {
        Registered partner = register(FULL_PROFILE);
        String changed = FULL_PROFILE.replace("\"capacity\": 4", "\"capacity\": 6");

        HttpResponse<String> withoutIfMatch = send("PUT", "/api/partners/" + partner.id(), OPERATOR, changed, null);
        HttpResponse<String> updated = send("PUT", "/api/partners/" + partner.id(), OPERATOR, changed, "\"1\"");
        HttpResponse<String> stale = send("PUT", "/api/partners/" + partner.id(), OPERATOR, changed, "\"1\"");

        assertThat(withoutIfMatch.statusCode()).isEqualTo(428);
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(upserted(partner.id(), 2).capacity()).isEqualTo(6);
        assertThat(json.readTree(send("GET", "/api/partners/" + partner.id(), OPERATOR, null, null).body()).get("capacity").asInt())
                .isEqualTo(6);
    }

    @Test
    void everyChangeIsAuditedWithWhoWhenAndWhat() throws Exception {
        Registered partner = register(FULL_PROFILE);
        send("PUT", "/api/partners/" + partner.id(), OPERATOR, FULL_PROFILE.replace("\"capacity\": 4", "\"capacity\": 6"), "\"1\"");
        send("POST", "/api/partners/" + partner.id() + "/pause", basic(partner), "{\"reason\": \"summer\"}", null);

        JsonNode audit = json.readTree(send("GET", "/api/partners/" + partner.id() + "/audit", OPERATOR, null, null).body());

        assertThat(audit.findValuesAsString("action")).containsExactly("paused", "updated", "created");
        JsonNode paused = audit.get(0);
        assertThat(paused.get("actor").asString()).isEqualTo("partner:" + partner.id());
        assertThat(paused.get("changes").findValuesAsString("field")).containsExactlyInAnyOrder("/status", "/statusReason");
        JsonNode updated = audit.get(1);
        assertThat(updated.get("actor").asString()).isEqualTo("operator");
        assertThat(updated.get("at").asString()).isNotBlank();
        assertThat(updated.get("changes")).singleElement().satisfies(change -> {
            assertThat(change.get("field").asString()).isEqualTo("/capacity");
            assertThat(change.get("before").asString()).isEqualTo("4");
            assertThat(change.get("after").asString()).isEqualTo("6");
        });
    }

    @Test
    void pauseResumeAndSuspendChangeWhetherThePartnerTakesLeads() throws Exception {
        Registered partner = register(FULL_PROFILE);
        String path = "/api/partners/" + partner.id();

        assertThat(send("POST", path + "/pause", basic(partner), "{\"reason\": \"holidays\"}", null).statusCode()).isEqualTo(200);
        PartnerUpserted paused = upserted(partner.id(), 2);
        assertThat(send("POST", path + "/resume", basic(partner), null, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", path + "/suspend", OPERATOR, "{\"reason\": \"unpaid fees\"}", null).statusCode()).isEqualTo(200);
        HttpResponse<String> partnerLiftsSuspension = send("POST", path + "/resume", basic(partner), null, null);
        HttpResponse<String> partnerSuspends = send("POST", path + "/suspend", basic(partner), "{\"reason\": \"x\"}", null);

        assertThat(paused.status()).isEqualTo("PAUSED");
        assertThat(paused.statusReason()).isEqualTo("holidays");
        assertThat(paused.active()).isFalse();
        assertThat(upserted(partner.id(), 3).active()).isTrue();
        assertThat(upserted(partner.id(), 4).status()).isEqualTo("SUSPENDED");
        assertThat(partnerLiftsSuspension.statusCode()).isEqualTo(409);
        assertThat(partnerSuspends.statusCode()).isEqualTo(403);
        assertThat(send("POST", path + "/resume", OPERATOR, null, null).statusCode()).isEqualTo(200);
        assertThat(upserted(partner.id(), 5).status()).isEqualTo("ACTIVE");
    }

    @Test
    void deletingPublishesATombstoneAndForgetsThePartner() throws Exception {
        Registered partner = register(FULL_PROFILE);
        upserted(partner.id(), 1);

        HttpResponse<String> deleted = send("DELETE", "/api/partners/" + partner.id(), OPERATOR, null, "\"1\"");

        assertThat(deleted.statusCode()).isEqualTo(204);
        ConsumerRecord<String, byte[]> tombstone = partnersTopic.awaitRecord(keyed(partner.id()).and(record -> record.value() == null));
        assertThat(header(tombstone, "ce_type")).isEqualTo(EventTypes.PARTNER_DELETED);
        assertThat(send("GET", "/api/partners/" + partner.id(), OPERATOR, null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/partners/" + partner.id(), basic(partner), null, null).statusCode()).isEqualTo(401);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> partners.record(partner.id()).isEmpty());
        JsonNode audit = json.readTree(send("GET", "/api/partners/" + partner.id() + "/audit", OPERATOR, null, null).body());
        assertThat(audit.findValuesAsString("action")).containsExactly("deleted", "created");
    }

    @Test
    void countsPartnersByStatusAndTierAndTheChangesPublished() throws Exception {
        Registered partner = register(FULL_PROFILE.replace("\"tier\": \"GOLD\"", "\"tier\": \"PLATINUM\"").replace("Lyon Open Source", "Counted"));
        send("POST", "/api/partners/" + partner.id() + "/suspend", OPERATOR, "{\"reason\": \"counted\"}", null);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(gauge(metrics, "leadrelay_directory_partners{service=\"partner-directory\",status=\"suspended\",tier=\"platinum\"}"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(gauge(metrics, "leadrelay_directory_changes_published_total{kind=\"upsert\",service=\"partner-directory\"}"))
                    .isGreaterThanOrEqualTo(2);
        });
    }

    private static double gauge(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst().orElse(-1);
    }

    @Test
    void aPartnerManagesItselfWithinTheOperatorsLimits() throws Exception {
        Registered partner = register(FULL_PROFILE);
        String path = "/api/partners/" + partner.id();
        Instant from = Instant.parse("2031-07-01T00:00:00Z");

        HttpResponse<String> itself = send("GET", path, basic(partner), null, null);
        HttpResponse<String> raised = send("PUT", path + "/capacity", basic(partner), "{\"capacity\": 8, \"weeklyCapacity\": 5}", null);
        HttpResponse<String> tooHigh = send("PUT", path + "/capacity", basic(partner), "{\"capacity\": 9}", null);
        HttpResponse<String> away = send("PUT", path + "/out-of-office", basic(partner),
                "{\"periods\": [{\"from\": \"" + from + "\", \"until\": \"" + from.plus(Duration.ofDays(14)) + "\"}]}", null);
        HttpResponse<String> ownProfile = send("PUT", path, basic(partner), FULL_PROFILE, "\"1\"");
        HttpResponse<String> list = send("GET", "/api/partners", basic(partner), null, null);
        HttpResponse<String> wrongKey = send("GET", path, "Basic " + Base64.getEncoder().encodeToString(
                (partner.id() + ":lrp_guess").getBytes(StandardCharsets.UTF_8)), null, null);

        assertThat(itself.statusCode()).isEqualTo(200);
        assertThat(itself.body()).doesNotContain(partner.apiKey()).doesNotContain("whsec_");
        assertThat(raised.statusCode()).isEqualTo(200);
        assertThat(tooHigh.statusCode()).isEqualTo(400);
        assertThat(json.readTree(tooHigh.body()).get("errors").findValuesAsString("pointer")).containsExactly("/capacity");
        assertThat(away.statusCode()).isEqualTo(200);
        assertThat(ownProfile.statusCode()).isEqualTo(403);
        assertThat(list.statusCode()).isEqualTo(403);
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        PartnerUpserted latest = upserted(partner.id(), 3);
        assertThat(latest.capacity()).isEqualTo(8);
        assertThat(latest.weeklyCapacity()).isEqualTo(5);
        assertThat(latest.availability().absentAt(from.plus(Duration.ofDays(1)))).isTrue();
        assertThat(latest.availability().timeZone()).isEqualTo("Europe/Paris");
        assertThat(send("PUT", path + "/capacity", basic(partner), "{\"capacity\": 7}", null).statusCode()).isEqualTo(200);
        assertThat(upserted(partner.id(), 4).weeklyCapacity()).as("a weekly figure left out is kept").isEqualTo(5);
    }

    @Test
    void aPartnerStillOnboardingCannotActivateItself() throws Exception {
        Registered partner = register(FULL_PROFILE.replace("\"tier\": \"GOLD\"", "\"tier\": \"GOLD\", \"status\": \"ONBOARDING\""));
        String path = "/api/partners/" + partner.id();

        assertThat(send("POST", path + "/pause", basic(partner), null, null).statusCode()).isEqualTo(409);
        assertThat(send("POST", path + "/resume", basic(partner), null, null).statusCode()).isEqualTo(409);
        assertThat(json.readTree(send("GET", path, OPERATOR, null, null).body()).get("status").asString()).isEqualTo("ONBOARDING");
        assertThat(send("POST", path + "/resume", OPERATOR, null, null).statusCode()).isEqualTo(200);
        assertThat(upserted(partner.id(), 2).status()).isEqualTo("ACTIVE");
    }

    @Test
    void aPartnerNeverSeesOrTouchesAnotherPartner() throws Exception {
        Registered mine = register(FULL_PROFILE);
        List<UUID> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(register(FULL_PROFILE.replace("Lyon Open Source", "Other " + i)).id());
        }
        others.add(UUID.randomUUID());
        String[][] operations = {
                {"GET", ""}, {"HEAD", ""}, {"PUT", ""}, {"DELETE", ""}, {"POST", "/pause"}, {"POST", "/resume"}, {"POST", "/suspend"},
                {"PUT", "/capacity"}, {"PUT", "/out-of-office"}, {"POST", "/webhook-secret"}, {"POST", "/credentials"}, {"GET", "/audit"}};
        List<String[]> attempts = new ArrayList<>();
        for (String[] operation : operations) {
            attempts.add(new String[] {operation[0], operation[1], "\"1\""});
        }
        for (String[] operation : operations) {
            if (attempts.size() < 20) {
                attempts.add(new String[] {operation[0], operation[1], null});
            }
        }
        List<Integer> statuses = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (UUID other : others) {
            for (String[] attempt : attempts) {
                String body = switch (attempt[1]) {
                    case "/capacity" -> "{\"capacity\": 1}";
                    case "/out-of-office" -> "{\"periods\": []}";
                    case "" -> attempt[0].equals("PUT") ? FULL_PROFILE : null;
                    default -> "{\"reason\": \"x\"}";
                };
                HttpResponse<String> answer = send(attempt[0], "/api/partners/" + other + attempt[1], basic(mine), body, attempt[2]);
                statuses.add(answer.statusCode());
                bodies.add(answer.body());
            }
        }

        // S4 (docs/reliability.md): 100 % 404, and no field of another partner in any answer
        assertThat(statuses).hasSize(100).containsOnly(404);
        assertThat(bodies).noneMatch(answer -> answer.contains("Other ") || answer.contains("lyon-oss.example") || answer.contains("revision"));
        System.out.println("S4: a partner's 100 requests for 5 other partners' records: " + statuses.stream().filter(status -> status == 404).count()
                + " x 404, no field of theirs in any answer");
        for (UUID other : others.subList(0, 4)) {
            JsonNode untouched = json.readTree(send("GET", "/api/partners/" + other, OPERATOR, null, null).body());
            assertThat(untouched.get("revision").asLong()).isEqualTo(1);
            assertThat(untouched.get("status").asString()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void rotatingTheSecretKeepsTheOldOneSigningDuringTheOverlap() throws Exception {
        Registered partner = register(FULL_PROFILE);

        HttpResponse<String> rotated = send("POST", "/api/partners/" + partner.id() + "/webhook-secret", basic(partner), null, null);

        assertThat(rotated.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(rotated.body());
        String newSecret = body.get("webhookSecret").asString();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(partner.webhookSecret());
        assertThat(Instant.parse(body.get("previousValidUntil").asString())).isAfter(Instant.now().plus(Duration.ofHours(23)));
        PartnerUpserted event = upserted(partner.id(), 2);
        assertThat(event.signingKeys()).extracting(key -> key.generation()).containsExactly(2, 1);
        assertThat(event.signingKeys().get(1).validUntil()).isEqualTo(Instant.parse(body.get("previousValidUntil").asString()));
        ConsumerRecord<String, byte[]> record = partnersTopic.awaitRecord(keyed(partner.id()));
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("whsec_");
    }

    @Test
    void aChangeStoredButNotPublishedBeforeACrashIsPublishedByTheSweeper() {
        Registered partner = register(FULL_PROFILE);
        Partner stored = partners.find(partner.id()).orElseThrow();
        // as if the process died right after the write: the next revision marked for the relay and stored, not published
        Partner next = stored.paused("written before a crash", Actor.operator("ops"), Instant.now());
        publishing.willPublish(next);
        assertThat(partners.replace(next)).isTrue();

        PartnerUpserted published = upserted(partner.id(), next.revision());

        assertThat(published.statusReason()).isEqualTo("written before a crash");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> partners.find(partner.id()).orElseThrow().published());
    }

    @Test
    void republishingPutsEveryPartnerOnTheTopicAgain() throws Exception {
        Registered partner = register(FULL_PROFILE);
        upserted(partner.id(), 1);
        int before = partnersTopic.recordsAfter(Duration.ZERO, keyed(partner.id())).size();

        HttpResponse<String> response = send("POST", "/api/partners/republish", OPERATOR, null, null);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json.readTree(response.body()).get("partners").asLong()).isPositive();
        // every partner the JVM's tests registered goes out again (ten thousand from PartnerTransferIT): on a busy machine, a while
        List<ConsumerRecord<String, byte[]>> records = partnersTopic.awaitRecords(keyed(partner.id()), before + 1, Duration.ofMinutes(2));
        assertThat(records).hasSizeGreaterThan(before);
        assertThat(send("POST", "/api/partners/republish", basic(partner), null, null).statusCode()).isEqualTo(403);
    }

    private PartnerUpserted upserted(UUID partnerId, long revision) {
        ConsumerRecord<String, byte[]> record = partnersTopic.awaitRecord(keyed(partnerId).and(candidate -> candidate.value() != null
                && TopicProbe.event(candidate, PartnerUpserted.class).revision() == revision));
        return TopicProbe.event(record, PartnerUpserted.class);
    }

    private Registered register(String body) {
        try {
            HttpResponse<String> response = send("POST", "/api/partners", OPERATOR, body, null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode registered = json.readTree(response.body());
            return new Registered(UUID.fromString(registered.get("partner").get("id").asString()),
                    registered.get("webhookSecret").asString(), registered.get("apiKey").asString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String basic(Registered partner) {
        return "Basic " + Base64.getEncoder().encodeToString((partner.id() + ":" + partner.apiKey()).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    record Registered(UUID id, String webhookSecret, String apiKey) {
    }
}
