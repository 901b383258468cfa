package org.leadrelay.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.keyed;
import static org.leadrelay.testing.TopicProbe.ofType;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.standardwebhooks.Webhook;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.leadrelay.events.Channel;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadErasureCompleted;
import org.leadrelay.events.LeadKey;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.LeadUnroutable;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.Sealed;
import org.leadrelay.events.Topics;
import org.leadrelay.testing.ConsoleBrowser;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WebhookReceiver;
import org.leadrelay.testing.WithInfrastructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole path with one lead: a partner registered over HTTP, a lead posted over HTTP, and the
 * partner told by email (at an in-process SMTP server) and by signed webhook (at an in-process
 * HTTP receiver, verified with the Standard Webhooks library).
 */
@WithInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeadToPartnerIT {

    private static final Logger log = LoggerFactory.getLogger(LeadToPartnerIT.class);

    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private static WebhookReceiver partnerEndpoint;
    private static LeadRelayStack stack;
    private static TopicProbe kafka;

    private static CapturedLogs logs;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();

    @BeforeAll
    static void startTheSystem() {
        SMTP.start();
        partnerEndpoint = WebhookReceiver.start();
        stack = new LeadRelayStack(SMTP.getSmtp().getPort(), "--leadrelay.webhooks.allowed-hosts=127.0.0.1").withConsole();
        // every service has started (each start resets the logging system): from here on, every line they write
        logs = CapturedLogs.capture();
        kafka = TopicProbe.on(Topics.ASSIGNMENTS, Topics.NOTIFICATIONS, Topics.ERASURES);
    }

    @AfterAll
    static void stopTheSystem() {
        logs.close();
        kafka.close();
        stack.close();
        partnerEndpoint.close();
        SMTP.stop();
    }

    @Test
    void aLeadPostedOnTheWebsiteReachesTheRightPartnerByEmailAndSignedWebhookAndIsAccepted() throws Exception {
        JsonNode registered = post(stack.directory, "/api/partners", """
                {"name": "Luxembourg Data Services", "tier": "GOLD", "countries": ["LU", "BE"],
                 "specialities": ["mariadb", "migration", "support"], "languages": ["fr", "de"], "capacity": 3,
                 "notificationEmail": "leads@lux-data.example", "webhookUrl": "%s"}
                """.formatted(partnerEndpoint.url("/lux-data")), 201);
        UUID partnerId = UUID.fromString(registered.get("partner").get("id").asString());
        String webhookSecret = registered.get("webhookSecret").asString();
        stack.awaitPartnersCopied(List.of(partnerId));

        long posted = System.nanoTime();
        JsonNode accepted = post(stack.intake, "/api/leads", """
                {"contact": {"name": "Jean Weber", "email": "jean.weber@example.lu", "company": "Brasserie du Nord"},
                 "need": {"products": ["MariaDB"], "services": ["Migration"], "databases": ["mysql"],
                          "description": "Move our MySQL 5.7 to MariaDB 11 without downtime"},
                 "location": {"country": "LU", "city": "Esch-sur-Alzette"},
                 "language": "fr", "employees": 40, "consent": true, "source": "website-form"}
                """, 202);
        UUID leadId = UUID.fromString(accepted.get("leadId").asString());

        WebhookReceiver.Received webhook = partnerEndpoint.await(request -> request.body().contains(leadId.toString()));
        long webhookMillis = Duration.ofNanos(System.nanoTime() - posted).toMillis();
        new Webhook(webhookSecret).verify(webhook.body(), webhook.headers());
        JsonNode payload = json.readTree(webhook.body());
        assertThat(payload.get("leadId").asString()).isEqualTo(leadId.toString());
        assertThat(payload.get("partnerId").asString()).isEqualTo(partnerId.toString());
        // the explanation travels with the offer: every named component of the score, and the total is their sum
        JsonNode components = payload.get("score").get("components");
        assertThat(components.findValuesAsString("criterion"))
                .containsExactly("speciality", "distance", "language", "tier", "headroom", "responsiveness", "fairness");
        assertThat(payload.get("score").get("total").asDouble())
                .isCloseTo(components.findValues("points").stream().mapToDouble(JsonNode::asDouble).sum(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(webhook.body()).doesNotContain("jean.weber@example.lu").doesNotContain("Jean Weber");

        MimeMessage email = await().atMost(Duration.ofSeconds(30)).until(() -> emailAbout(leadId), found -> found != null);
        assertThat(email.getAllRecipients()[0].toString()).isEqualTo("leads@lux-data.example");
        // the partner serves in French, so its email is in French
        assertThat(email.getSubject()).isEqualTo("Nouvelle demande : mariadb, migration à Esch-sur-Alzette, LU");
        assertThat(GreenMailUtil.getBody(email)).contains("mariadb").doesNotContain("jean.weber@example.lu").doesNotContain("Jean Weber");

        var delivered = kafka.awaitRecords(keyed(leadId).and(ofType(EventTypes.NOTIFICATION_DELIVERED)), 2);
        assertThat(delivered).extracting(record -> event(record, NotificationDelivered.class).channel())
                .containsExactlyInAnyOrder(Channel.EMAIL, Channel.WEBHOOK);
        log.info("lead {} posted to signed webhook received in {} ms (4 services, embedded broker, one JVM)", leadId, webhookMillis);

        // the partner's system answers with the link from the webhook: the lead is accepted
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(payload.get("answerUrl").asString()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"answer\": \"ACCEPT\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        LeadAccepted acceptance = event(kafka.awaitRecord(keyed(leadId).and(ofType(EventTypes.LEAD_ACCEPTED))), LeadAccepted.class);
        assertThat(acceptance.partnerId()).isEqualTo(partnerId);
    }

    /**
     * Every metric the Grafana dashboards and the Prometheus alerts read (deploy/observability's
     * metrics.txt) is exported by the running services, once leads have gone through them: a renamed
     * meter fails here, not silently on a dashboard. {@code up} comes from Prometheus itself.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void everyMetricTheDashboardsAndAlertsReadIsExportedByTheServices() throws Exception {
        List<String> read = java.nio.file.Files.readAllLines(java.nio.file.Path.of("../deploy/observability/metrics.txt")).stream()
                .map(String::strip).filter(name -> !name.isEmpty() && !name.startsWith("#") && !name.equals("up")).toList();
        assertThat(read).hasSizeGreaterThan(40);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            java.util.Set<String> exported = new java.util.TreeSet<>();
            for (URI service : List.of(stack.intake, stack.directory, stack.router, stack.notification, stack.console)) {
                HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(service.resolve("/actuator/prometheus")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(scrape.statusCode()).as(service + "/actuator/prometheus").isEqualTo(200);
                for (String line : scrape.body().split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        exported.add(line.split("[{ ]", 2)[0]);
                    }
                }
            }
            assertThat(exported).containsAll(read);
        });
    }

    /**
     * S12: a lead a partner accepted is erased through lead-intake's API. Every service reports its
     * part done, none of their databases holds the person any more, and the partner is asked,
     * with a signed lead.erased webhook, to delete what it got. Before, the console's access export
     * holds every service's part; after, it finds nothing. Every topic and dead-letter topic, read
     * from the beginning, never carries the person in clear: the lead's personal data travels sealed
     * (ADR 0012) and opens with the key lead-intake gives, until the erasure deletes that key.
     */
    @Test
    void anErasedAcceptedLeadLeavesNoTraceOfThePersonInAnyServiceAndItsPartnerIsAskedToDeleteIt() throws Exception {
        JsonNode registered = post(stack.directory, "/api/partners", """
                {"name": "Erasure Partner", "tier": "GOLD", "countries": ["MT"], "specialities": ["postgresql", "support"],
                 "languages": ["en"], "capacity": 3, "notificationEmail": "leads@erasure-partner.example", "webhookUrl": "%s"}
                """.formatted(partnerEndpoint.url("/erasure-partner")), 201);
        UUID partnerId = UUID.fromString(registered.get("partner").get("id").asString());
        String webhookSecret = registered.get("webhookSecret").asString();
        stack.awaitPartnersCopied(List.of(partnerId));
        JsonNode accepted = post(stack.intake, "/api/leads", """
                {"contact": {"name": "Zerlina Markerova", "email": "zerlina.markerova@s12.example", "phone": "+35699112233",
                             "company": "Markerova Imports"},
                 "need": {"products": ["PostgreSQL"], "services": ["Support"], "description": "Zerlina's replica lags behind"},
                 "location": {"country": "MT", "city": "Valletta"}, "language": "en", "consent": true}
                """, 202);
        UUID leadId = UUID.fromString(accepted.get("leadId").asString());
        WebhookReceiver.Received offer = partnerEndpoint.await(request -> request.body().contains(leadId.toString()));
        String answerUrl = json.readTree(offer.body()).get("answerUrl").asString();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(answerUrl)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"answer\": \"ACCEPT\"}")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
        partnerEndpoint.await(request -> request.body().contains(leadId.toString()) && request.body().contains("\"lead.accepted\""));
        List<String> person = List.of("Zerlina", "Markerova", "zerlina.markerova@s12.example", "35699112233", "replica lags");
        await().atMost(Duration.ofSeconds(30)).until(() -> !holding(person).isEmpty()); // the control: the services held the person
        // the person's access request from the console: one JSON document with every service's part
        ConsoleBrowser operator = ConsoleBrowser.signIn(stack.console, "operator", "local-operator-password");
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.consoleStoryState(leadId) != null);
        HttpResponse<String> export = operator.postForm("/erasures", "/erasures/access",
                "email=Zerlina.Markerova%40S12.example&reason=S12+access+request");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(disposition -> assertThat(disposition).startsWith("attachment").contains("leadrelay-access-"));
        JsonNode document = json.readTree(export.body());
        assertThat(document.get("leadIds")).extracting(JsonNode::asString).containsExactly(leadId.toString());
        assertThat(document.get("exportedBy").asString()).isEqualTo("operator");
        JsonNode services = document.get("services");
        assertThat(services.get("lead-intake").get(0).get("collections").get("leads").get(0).toString())
                .contains("Zerlina Markerova", "zerlina.markerova@s12.example", "+35699112233", "Zerlina's replica lags behind", "consent");
        assertThat(services.get("lead-router").get(0).get("collections").get("leads").get(0).toString())
                .contains("ciphertext", "ACCEPTED").doesNotContain("zerlina.markerova@s12.example");
        assertThat(services.get("notification-service").get(0).get("collections").get("deliveries").size()).isGreaterThanOrEqualTo(3);
        assertThat(services.get("operator-console").get(0).get("collections").get("leads")).hasSize(1);

        // on the topics: nothing of the person in clear, and the lead's sealed data opens with its key
        List<ConsumerRecord<String, byte[]>> before = TopicProbe.everyRecordOf(everyTopic());
        assertThat(before).noneSatisfy(record -> assertThat(new String(record.value() == null ? new byte[0] : record.value(),
                StandardCharsets.UTF_8)).containsAnyOf(person.toArray(String[]::new)));
        LeadReceived received = before.stream().filter(keyed(leadId).and(ofType(EventTypes.LEAD_RECEIVED))).findFirst()
                .map(record -> event(record, LeadReceived.class)).orElseThrow();
        HttpResponse<String> key = keyOf(leadId);
        assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
        LeadKey leadKey = LeadKey.ofBase64(json.readTree(key.body()).get("key").asString());
        assertThat(leadKey.open(leadId, received.personal()).contact().email()).isEqualTo("zerlina.markerova@s12.example");
        List<Sealed> sealed = before.stream().filter(keyed(leadId)).map(LeadToPartnerIT::sealedIn).flatMap(List::stream).toList();
        assertThat(sealed).as("the received lead, its offer and its acceptance carry it sealed").hasSizeGreaterThanOrEqualTo(3);

        JsonNode erasure = post(stack.intake, "/api/erasures", "{\"leadId\": \"" + leadId + "\"}", 202);

        assertThat(erasure.get("erasures").get(0).get("leadId").asString()).isEqualTo(leadId.toString());
        List<String> reporters = kafka.awaitRecords(keyed(leadId).and(ofType(EventTypes.LEAD_ERASURE_COMPLETED)), 2).stream()
                .map(record -> event(record, LeadErasureCompleted.class).service()).toList();
        assertThat(reporters).contains("lead-router", "notification-service");
        WebhookReceiver.Received erased = partnerEndpoint.await(request -> request.body().contains(leadId.toString())
                && request.body().contains("\"lead.erased\""));
        new Webhook(webhookSecret).verify(erased.body(), erased.headers());
        assertThat(json.readTree(erased.body()).get("accepted").asBoolean()).isTrue();
        assertThat(erased.body()).doesNotContain("Zerlina", "Markerova");
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.consoleStoryState(leadId), "ERASED"::equals);
        assertThat(holding(person)).as("collections still holding the person").isEmpty();
        HttpResponse<String> afterwards = operator.postForm("/erasures", "/erasures/access",
                "email=zerlina.markerova%40s12.example&reason=S12+after+erasure");
        assertThat(json.readTree(afterwards.body()).get("leadIds").isEmpty()).as("nothing is found of an erased person").isTrue();
        // the topics, read again from the beginning: still nothing in clear, and the key that opened the sealed copies is gone
        assertThat(TopicProbe.everyRecordOf(everyTopic())).noneSatisfy(record -> assertThat(new String(record.value() == null
                ? new byte[0] : record.value(), StandardCharsets.UTF_8)).containsAnyOf(person.toArray(String[]::new)));
        assertThat(keyOf(leadId).statusCode()).as("the lead's key is erased").isEqualTo(410);
    }

    /** Every topic of the contract and its dead-letter topic. */
    private static List<String> everyTopic() {
        return Topics.plan(1).stream().map(Topics.TopicSpec::name).toList();
    }

    /** The sealed personal data an event of the lead carries: the received lead's, an offer's brief's, an acceptance's. */
    private static List<Sealed> sealedIn(ConsumerRecord<String, byte[]> record) {
        String type = org.leadrelay.testing.TopicProbe.header(record, "ce_type");
        if (EventTypes.LEAD_RECEIVED.equals(type)) {
            return java.util.stream.Stream.ofNullable(event(record, LeadReceived.class).personal()).toList();
        }
        if (EventTypes.LEAD_ASSIGNED.equals(type)) {
            return java.util.stream.Stream.ofNullable(event(record, org.leadrelay.events.LeadAssigned.class).lead().personal()).toList();
        }
        if (EventTypes.LEAD_ACCEPTED.equals(type)) {
            return java.util.stream.Stream.ofNullable(event(record, org.leadrelay.events.LeadAccepted.class).personal()).toList();
        }
        return List.of();
    }

    private HttpResponse<String> keyOf(UUID leadId) throws Exception {
        return http.send(HttpRequest.newBuilder(stack.intake.resolve("/api/keys/" + leadId)).header("Authorization", LeadRelayStack.OPERATOR)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * S11: personal data never reaches a log line or a metric series. After every flow of this class
     * (an accepted lead, an erased one, an unroutable one) and one more with marker data through the
     * paths that log the most (a lead, its duplicate, a refused one, its erasure by email, a source
     * of the client's own), no line any service wrote and no series any service exports holds a
     * name, email, phone, company or description of them; and every tag takes few values.
     */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void noNameEmailOrPhoneReachesAnyLogLineOrMetricSeries() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String name = "Quintus Logmarker" + run;
        String email = "quintus.logmarker." + run + "@s11.example";
        String localPhone = "04 72 10 " + run.substring(0, 2).chars().map(c -> '0' + c % 10).collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append) + " 42";
        String phone = "+33" + localPhone.substring(1).replace(" ", "");
        String lead = """
                {"contact": {"name": "%s", "email": "%s", "phone": "%s", "company": "Logmarker %s SARL"},
                 "need": {"products": ["PostgreSQL"], "description": "Quintus's cluster %s"},
                 "location": {"country": "FR", "city": "Lyon"}, "language": "fr", "consent": true, "source": "%s"}
                """.formatted(name, email, localPhone, run, run, "campaign-" + run);
        UUID leadId = UUID.fromString(post(stack.intake, "/api/leads", lead, 202).get("leadId").asString());
        post(stack.intake, "/api/leads", lead, 202); // the same again: a duplicate
        post(stack.intake, "/api/leads", lead.replace("\"FR\"", "\"Atlantis\""), 400);
        post(stack.intake, "/api/erasures", "{\"email\": \"" + email + "\", \"reason\": \"consent-withdrawn\"}", 202);
        kafka.awaitRecords(keyed(leadId).and(ofType(EventTypes.LEAD_ERASURE_COMPLETED)), 2);

        List<String> personal = List.of(name, "Logmarker", email, localPhone, phone, phone.substring(1), "campaign-" + run,
                "Jean Weber", "jean.weber@example.lu", "Brasserie du Nord", "Move our MySQL",
                "Zerlina", "Markerova", "zerlina.markerova@s12.example", "35699112233", "replica lags",
                "someone@example.ca");
        List<String> lines = logs.lines();
        assertThat(lines).as("log lines written").hasSizeGreaterThan(50);
        List<String> naming = lines.stream().flatMap(line -> personal.stream().filter(line::contains)
                .map(marker -> marker + " in: " + line.substring(Math.max(0, line.indexOf(marker) - 300),
                        Math.min(line.length(), line.indexOf(marker) + 200)))).toList();
        assertThat(naming).as("log lines naming a person").isEmpty();

        java.util.Map<String, java.util.Set<String>> valuesPerTag = new java.util.TreeMap<>();
        for (URI service : List.of(stack.intake, stack.directory, stack.router, stack.notification, stack.console)) {
            String scrape = http.send(HttpRequest.newBuilder(service.resolve("/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String series : scrape.split("\n")) {
                if (series.isBlank() || series.startsWith("#")) {
                    continue;
                }
                assertThat(personal).as("a person in the series %s", series).noneMatch(series::contains);
                java.util.regex.Matcher tag = java.util.regex.Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(series.split(" ")[0]);
                while (tag.find()) {
                    if (tag.group(1).equals("le") || tag.group(1).equals("quantile")) {
                        continue; // a histogram's buckets: fixed by its configuration
                    }
                    valuesPerTag.computeIfAbsent(series.split("\\{")[0] + "." + tag.group(1), key -> new java.util.TreeSet<>())
                            .add(tag.group(2));
                }
            }
        }
        assertThat(valuesPerTag).as("metric series with tags").isNotEmpty();
        valuesPerTag.forEach((tag, values) -> {
            assertThat(values).as(tag).noneMatch(value -> value.contains("@") || value.contains("campaign-"));
            assertThat(values.size()).as("values of %s: %s", tag, values).isLessThanOrEqualTo(64);
        });
        assertThat(valuesPerTag.get("leadrelay_intake_received_total.source")).as("a client's own source is counted as other")
                .contains("other").noneMatch(value -> value.contains(run));
    }

    /** Every collection of every service's database that holds one of these strings, as "database.collection". */
    private static List<String> holding(List<String> person) {
        List<String> found = new java.util.ArrayList<>();
        for (String database : List.of("lead-intake", "lead-router", "notification-service", "operator-console", "partner-directory")) {
            for (String collection : stack.mongo().getDatabase(database).listCollectionNames()) {
                for (org.bson.Document document : stack.mongo().getDatabase(database).getCollection(collection).find()) {
                    String text = document.toJson();
                    if (person.stream().anyMatch(text::contains)) {
                        found.add(database + "." + collection);
                        break;
                    }
                }
            }
        }
        return found;
    }

    @Test
    void aLeadNoPartnerCanServeIsDeclaredUnroutable() throws Exception {
        JsonNode accepted = post(stack.intake, "/api/leads", """
                {"contact": {"email": "someone@example.ca"}, "need": {"services": ["mainframe-training"]},
                 "location": {"country": "CA"}, "consent": true}
                """, 202);
        UUID leadId = UUID.fromString(accepted.get("leadId").asString());

        LeadUnroutable unroutable = event(kafka.awaitRecord(keyed(leadId).and(ofType(EventTypes.LEAD_UNROUTABLE))), LeadUnroutable.class);

        assertThat(unroutable.reason()).isEqualTo("no partner covers CA");
    }

    private static MimeMessage emailAbout(UUID leadId) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .filter(message -> GreenMailUtil.getBody(message).contains(leadId.toString()))
                .findFirst().orElse(null);
    }

    private JsonNode post(URI service, String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.resolve(path))
                .header("Content-Type", "application/json").header("Authorization", LeadRelayStack.OPERATOR)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }
}
