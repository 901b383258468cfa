package org.leadrelay.intake.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.testing.TopicProbe.keyed;

import com.mongodb.client.MongoClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Topics;
import org.leadrelay.intake.LeadIntakeApplication;
import org.leadrelay.intake.leads.web.FormStamps;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@WithInfrastructure
@SpringBootTest(classes = LeadIntakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + LeadIntakeApplication.CONFIG_NAME, "leadrelay.intake.leads-per-minute-per-client=100000",
                "leadrelay.intake.cors-origins=https://www.vendor.example", "spring.mongodb.database=lead-intake-forms"})
class LeadFormIT {

    private static TopicProbe leadsReceived;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    IntakeProperties properties;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private double spam(String reason) {
        return meters.counter("leadrelay.intake.spam", "reason", reason).count();
    }

    @Autowired
    MongoClient mongo;

    @Autowired
    Leads stored;

    /** A published lead whose sealed contact, opened with the lead's key, has an email containing {@code part}. */
    private java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> from(String part) {
        return record -> {
            LeadReceived event = TopicProbe.event(record, LeadReceived.class);
            return stored.find(event.leadId())
                    .map(lead -> lead.key().open(event.leadId(), event.personal()).contact().email().contains(part)).orElse(false);
        };
    }

    @BeforeAll
    static void watch() {
        leadsReceived = TopicProbe.on(Topics.LEADS_RECEIVED);
    }

    @AfterAll
    static void stopWatching() {
        leadsReceived.close();
    }

    @Test
    void showsTheFormInEnglishOrFrench() throws Exception {
        assertThat(get("/form", null).body()).contains("Ask a partner for help").contains("action=\"/forms/leads\"").contains("name=\"website\"");
        assertThat(get("/form?lang=fr", null).body()).contains("Demander l&#39;aide d&#39;un partenaire").contains("lang=\"fr\"");
        assertThat(get("/form", "fr-CH,fr;q=0.9").body()).contains("Envoyer ma demande")
                .contains("J&#39;accepte qu&#39;un partenaire de l&#39;éditeur me contacte au sujet de cette demande.");
        // one look with the partners' answer pages and the operator console: service-kit's stylesheet and script
        assertThat(get("/form", null).body()).contains("href=\"/assets/leadrelay.css\"").contains("src=\"/assets/leadrelay.js\"");
        HttpResponse<String> stylesheet = get("/assets/leadrelay.css", null);
        assertThat(stylesheet.statusCode()).isEqualTo(200);
        assertThat(stylesheet.body()).contains("--brand");
        assertThat(get("/assets/leadrelay.js", null).body()).contains("Intl.DateTimeFormat");
        HttpResponse<String> home = get("/", null);
        assertThat(home.statusCode()).isEqualTo(303);
        assertThat(home.headers().firstValue("Location")).hasValue("/form");
    }

    @Test
    void aPersonsFormBecomesALeadAndLandsOnTheThankYouPage() throws Exception {
        HttpResponse<String> response = submit(form("person@example.fr", 10_000));

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/form/thanks?lang=fr");
        var record = leadsReceived.awaitRecord(from("person@example.fr"));
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).as("sealed: not in clear").doesNotContain("person@example.fr");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"products\":[\"postgresql\"]").contains("website-form")
                .contains("\"language\":\"fr\"", "\"channel\":\"website-form\"",
                        "\"textSha256\":\"" + ConsentNotices.sha256(ConsentNotices.DEFAULT_TEXTS.get("fr")) + "\"");
        assertThat(get("/form/thanks?lang=fr", null).body()).contains("Merci");
    }

    @Test
    void anIncompleteFormComesBackWithTheErrorsAndWhatWasTyped() throws Exception {
        long before = leads();
        Map<String, String> form = form("", 10_000);
        form.remove("consent");

        HttpResponse<String> response = submit(form);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("text/html"));
        assertThat(response.body()).contains("is required").contains("the customer must agree").contains("value=\"Lyon\"");
        assertThat(leads()).isEqualTo(before);
    }

    @Test
    void botsAreThankedAndForgotten() throws Exception {
        long before = leads();
        Map<String, String> honeypot = form("bot-one@example.fr", 10_000);
        honeypot.put("website", "http://spam.example");
        Map<String, String> tooFast = form("bot-two@example.fr", 200);
        Map<String, String> noForm = form("bot-three@example.fr", 10_000);
        noForm.remove("rendered_at");
        // an earlier time written by the bot: its signature does not match
        Map<String, String> forgedTime = form("bot-four@example.fr", 200);
        forgedTime.put("rendered_at", (System.currentTimeMillis() - 10_000) + forgedTime.get("rendered_at").substring(13));
        Map<String, String> unsigned = form("bot-five@example.fr", 10_000);
        unsigned.put("rendered_at", Long.toString(System.currentTimeMillis() - 10_000));

        Map<String, Double> spamBefore = new java.util.TreeMap<>();
        for (String reason : java.util.List.of("honeypot", "too-fast", "no-form", "forged-time")) {
            spamBefore.put(reason, spam(reason));
        }
        for (Map<String, String> bot : java.util.List.of(honeypot, tooFast, noForm, forgedTime, unsigned)) {
            HttpResponse<String> response = submit(bot);
            assertThat(response.statusCode()).isEqualTo(303);
            assertThat(response.headers().firstValue("Location")).hasValue("/form/thanks?lang=fr");
        }

        assertThat(leads()).isEqualTo(before);
        assertThat(leadsReceived.recordsAfter(Duration.ofSeconds(1), from("bot-"))).isEmpty();
        // S8 (docs/reliability.md): each bot is counted, by its reason
        assertThat(spam("honeypot") - spamBefore.get("honeypot")).isEqualTo(1);
        assertThat(spam("too-fast") - spamBefore.get("too-fast")).isEqualTo(1);
        assertThat(spam("no-form") - spamBefore.get("no-form")).isEqualTo(1);
        assertThat(spam("forged-time") - spamBefore.get("forged-time")).isEqualTo(2);
    }

    @Test
    void browsersMayPostFromTheConfiguredWebsiteOnly() throws Exception {
        HttpResponse<String> allowed = preflight("https://www.vendor.example");
        HttpResponse<String> other = preflight("https://evil.example");

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://www.vendor.example");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private Map<String, String> form(String email, long shownMillisAgo) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("lang", "fr");
        form.put("rendered_at", new FormStamps(properties.formSigningKey()).stamp(System.currentTimeMillis() - shownMillisAgo));
        form.put("website", "");
        form.put("name", "Camille Martin");
        form.put("email", email);
        form.put("products", "Postgres");
        form.put("services", "migration");
        form.put("country", "France");
        form.put("city", "Lyon");
        form.put("consent", "yes");
        return form;
    }

    private HttpResponse<String> submit(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(uri("/forms/leads")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/leads")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Content-Type").build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String acceptLanguage) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long leads() {
        return mongo.getDatabase("lead-intake-forms").getCollection("leads").countDocuments(new Document());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
