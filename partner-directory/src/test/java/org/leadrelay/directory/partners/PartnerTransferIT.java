package org.leadrelay.directory.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.directory.PartnerDirectoryApplication;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bulk import (CSV and JSON, dry run and real), export and its round trip, through HTTP, MongoDB and the partners topic. */
@WithInfrastructure
@SpringBootTest(classes = PartnerDirectoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + PartnerDirectoryApplication.CONFIG_NAME,
                "leadrelay.webhooks.allowed-hosts=127.0.0.1", "leadrelay.directory.census-interval=500ms"})
class PartnerTransferIT {

    private static final Logger log = LoggerFactory.getLogger(PartnerTransferIT.class);
    static final String HEADER = "name,tier,expertise,countries,regions,serviceAreas,languages,capacity,timeZone,businessHours,outOfOffice,contacts,webhookUrl\n";
    private static TopicProbe partnersTopic;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();

    @LocalServerPort
    int port;

    @BeforeAll
    static void watchTopic() {
        partnersTopic = TopicProbe.on(Topics.PARTNERS);
    }

    @AfterAll
    static void stopWatching() {
        partnersTopic.close();
    }

    @Test
    void aDryRunReportsEveryRowAndStoresNothing() throws Exception {
        String csv = HEADER
                + "Bruxelles Data,GOLD,DATABASE:postgresql:CERTIFIED:2028-01-31; migration,BE,,\"Brussels@50.85,4.35,60\",fr;nl,6,Europe/Brussels,MONDAY-FRIDAY 09:00-17:00,,leads@bxl-data.example:fr,\n"
                + "Broken,DIAMOND,HOBBY:chess,XX1,DE-BY,somewhere,fr,-1,Mars/Olympus,MONDAY 18:00-09:00,2031-01-01T00:00:00Z,,https://10.0.0.1/hooks\n"
                + "\"Genève, Conseil\",SILVER,java; training,CH,CH-GE,,fr,3,,,,contact@geneve-conseil.example,\n";
        long before = total();

        HttpResponse<String> dryRun = post("/api/partners/import?dryRun=true", "text/csv", csv);
        HttpResponse<String> realButInvalid = post("/api/partners/import", "text/csv", csv);

        assertThat(dryRun.statusCode()).isEqualTo(400);
        JsonNode report = json.readTree(dryRun.body());
        assertThat(report.get("rows").asInt()).isEqualTo(3);
        assertThat(report.get("valid").asInt()).isEqualTo(2);
        assertThat(report.get("invalid").asInt()).isEqualTo(1);
        assertThat(report.get("results").findValuesAsString("status")).containsExactly("valid", "invalid", "valid");
        // what cannot be read or breaks a field's rule; the checks across fields run once these pass
        assertThat(report.get("results").get(1).get("errors").findValuesAsString("pointer")).containsExactlyInAnyOrder(
                "/tier", "/serviceAreas/0", "/outOfOffice/0", "/countries/0", "/capacity");
        assertThat(realButInvalid.statusCode()).isEqualTo(400);
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void importsJsonAndPublishesEveryPartner() throws Exception {
        UUID keptId = UUID.randomUUID();
        String body = """
                [{"id": "%s", "name": "Kept Id", "countries": ["LU"], "specialities": ["tomcat"], "notificationEmail": "a@kept.example"},
                 {"name": "Fresh", "tier": "PLATINUM", "countries": ["LU"], "specialities": ["linux"], "notificationEmail": "a@fresh.example",
                  "status": "ONBOARDING"}]
                """.formatted(keptId);

        HttpResponse<String> response = post("/api/partners/import", "application/json", body);
        HttpResponse<String> again = post("/api/partners/import?dryRun=true", "application/json", body);
        HttpResponse<String> unknownField = post("/api/partners/import?dryRun=true", "application/json",
                "[{\"name\": \"X\", \"countries\": [\"LU\"], \"specialities\": [\"x\"], \"notificationEmail\": \"a@x.example\", \"score\": 99}]");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = json.readTree(response.body());
        assertThat(report.get("created").asInt()).isEqualTo(2);
        assertThat(report.get("results").get(0).get("id").asString()).isEqualTo(keptId.toString());
        UUID fresh = UUID.fromString(report.get("results").get(1).get("id").asString());
        PartnerUpserted kept = TopicProbe.event(partnersTopic.awaitRecord(TopicProbe.keyed(keptId)), PartnerUpserted.class);
        PartnerUpserted onboarding = TopicProbe.event(partnersTopic.awaitRecord(TopicProbe.keyed(fresh)), PartnerUpserted.class);
        assertThat(kept.expertise()).singleElement().satisfies(expertise -> assertThat(expertise.kind()).isEqualTo("APPLICATION_SERVER"));
        assertThat(onboarding.status()).isEqualTo("ONBOARDING");
        assertThat(onboarding.active()).isFalse();
        assertThat(json.readTree(again.body()).get("results").get(0).get("errors").findValuesAsString("pointer")).containsExactly("/id");
        assertThat(json.readTree(unknownField.body()).get("results").get(0).get("errors").findValuesAsString("pointer")).containsExactly("/score");
        JsonNode audit = json.readTree(send("GET", "/api/partners/" + keptId + "/audit").body());
        assertThat(audit.findValuesAsString("action")).containsExactly("imported");
    }

    @Test
    void anExportReadsBackAsAValidImport() throws Exception {
        post("/api/partners", "application/json", PartnerLifecycleIT.FULL_PROFILE.replace("Lyon Open Source", "Exported SARL"));

        HttpResponse<String> csv = send("GET", "/api/partners/export?format=csv");
        HttpResponse<String> jsonExport = send("GET", "/api/partners/export?format=json");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        String exported = csv.body().lines().filter(line -> line.startsWith("id,") || line.contains("Exported SARL"))
                .map(line -> line.startsWith("id,") ? line.substring(3) : line.substring(line.indexOf(',') + 1))
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
        assertThat(exported).contains("DATABASE:postgresql:CERTIFIED:2027-06-30", "Lyon office@45.76,4.84,80.0",
                "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY 09:00-18:00", "leads@lyon-oss.example:fr");
        JsonNode reimported = json.readTree(post("/api/partners/import?dryRun=true", "text/csv", exported).body());
        assertThat(reimported.get("results").findValuesAsString("status")).containsExactly("valid");
        JsonNode rows = json.readTree(jsonExport.body());
        JsonNode row = null;
        for (JsonNode candidate : rows) {
            if (candidate.get("name").asString().equals("Exported SARL")) {
                ((tools.jackson.databind.node.ObjectNode) candidate).remove("id");
                row = candidate;
            }
        }
        assertThat(row).isNotNull();
        JsonNode jsonRoundTrip = json.readTree(post("/api/partners/import?dryRun=true", "application/json", "[" + row + "]").body());
        assertThat(jsonRoundTrip.get("results").findValuesAsString("status")).containsExactly("valid");
    }

    @Test
    void importsTenThousandPartnersAndPublishesThemAll() throws Exception {
        int count = 10_000;
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < count; i++) {
            csv.append("Bulk Partner ").append(i).append(",SILVER,DATABASE:postgresql:CERTIFIED; SERVICE:support,FR,FR-ARA,")
                    .append("\"Office@45.7,4.8,50\",fr;en,5,Europe/Paris,MONDAY-FRIDAY 09:00-18:00,,bulk").append(i)
                    .append("@partners.example:fr,\n");
        }

        long started = System.nanoTime();
        HttpResponse<String> response = post("/api/partners/import", "text/csv", csv.toString());
        long imported = System.nanoTime();
        assertThat(response.statusCode()).as(response.body().substring(0, Math.min(500, response.body().length()))).isEqualTo(200);
        JsonNode report = json.readTree(response.body());
        Set<String> ids = new HashSet<>(report.get("results").findValuesAsString("id"));
        assertThat(ids).hasSize(count);
        List<ConsumerRecord<String, byte[]>> published = partnersTopic.awaitRecords(record -> ids.contains(record.key()), count,
                Duration.ofMinutes(2));
        long allPublished = System.nanoTime();

        assertThat(published.stream().map(ConsumerRecord::key).distinct()).hasSize(count);
        log.info("imported {} partners in {} ms; all on {} {} ms after the request started", count,
                Duration.ofNanos(imported - started).toMillis(), Topics.PARTNERS, Duration.ofNanos(allPublished - started).toMillis());
    }

    private long total() throws Exception {
        return json.readTree(send("GET", "/api/partners?size=1").body()).get("total").asLong();
    }

    private HttpResponse<String> post(String path, String type, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", PartnerDirectoryIT.OPERATOR)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", PartnerDirectoryIT.OPERATOR)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
