package org.leadrelay.router.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.keyed;
import static org.leadrelay.testing.TopicProbe.ofType;

import java.net.URI;
import java.nio.file.Path;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.AnswerTokens;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadDeclined;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Topics;
import org.leadrelay.router.Fixtures;
import org.leadrelay.router.LeadRouterApplication;
import org.leadrelay.router.partners.PartnerCopies;
import org.leadrelay.router.partners.PartnerReplica;
import org.leadrelay.testing.OpenApiDocs;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@WithInfrastructure
@SpringBootTest(classes = LeadRouterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + LeadRouterApplication.CONFIG_NAME)
class PartnerAnswersIT {

    private static TopicProbe kafka;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    AnswerTokens tokens;

    @Autowired
    PartnerCopies partners;

    @Autowired
    PartnerReplica replica;

    @BeforeAll
    static void connect() {
        kafka = TopicProbe.on(Topics.ASSIGNMENTS);
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void theLinkPageShowsTheOfferAndChangesNothing() throws Exception {
        LeadAssigned offer = offered("ZA");

        HttpResponse<String> english = page(token(offer), "en");
        HttpResponse<String> french = page(token(offer), "fr-FR");

        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("Accept this lead").contains("java").doesNotContain("camille@example.fr");
        assertThat(french.body()).contains("Accepter ce lead");
        // the deadline as a reader reads it, rewritten in the reader's time zone by the shared script, in the shared look
        assertThat(english.body()).contains("<time datetime=\"" + offer.respondBy() + "\">").contains("(UTC)</time>")
                .contains("href=\"/assets/leadrelay.css\"").contains("src=\"/assets/leadrelay.js\"");
        assertThat(english.body()).doesNotContain(">" + offer.respondBy() + "<");
        assertThat(kafka.recordsAfter(Duration.ofSeconds(1), keyed(offer.leadId()).and(ofType(EventTypes.LEAD_ACCEPTED)))).isEmpty();
    }

    @Test
    void acceptingPublishesLeadAcceptedOnceAndRefusesALaterDecline() throws Exception {
        LeadAssigned offer = offered("ZB");
        String token = token(offer);

        HttpResponse<String> first = api(token, "{\"answer\": \"ACCEPT\"}");
        HttpResponse<String> again = api(token, "{\"answer\": \"ACCEPT\"}");
        HttpResponse<String> change = api(token, "{\"answer\": \"DECLINE\", \"reason\": \"changed my mind\"}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(change.statusCode()).isEqualTo(409);
        assertThat(change.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        LeadAccepted accepted = event(kafka.awaitRecord(keyed(offer.leadId()).and(ofType(EventTypes.LEAD_ACCEPTED))), LeadAccepted.class);
        assertThat(accepted.assignmentId()).isEqualTo(offer.assignmentId());
        assertThat(accepted.partnerId()).isEqualTo(offer.partnerId());
        assertThat(kafka.recordsAfter(Duration.ofSeconds(1), keyed(offer.leadId()).and(ofType(EventTypes.LEAD_ACCEPTED)))).hasSize(1);
        assertThat(kafka.recordsAfter(Duration.ZERO, keyed(offer.leadId()).and(ofType(EventTypes.LEAD_DECLINED)))).isEmpty();
    }

    @Test
    void decliningFromTheEmailPageRecordsTheReason() throws Exception {
        LeadAssigned offer = offered("ZC");

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/answers/" + token(offer)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("answer=decline&reason="
                        + URLEncoder.encode("fully booked until March", StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Answer recorded");
        LeadDeclined declined = event(kafka.awaitRecord(keyed(offer.leadId()).and(ofType(EventTypes.LEAD_DECLINED))), LeadDeclined.class);
        assertThat(declined.reason()).isEqualTo("fully booked until March");
    }

    @Test
    void refusesAForgedOrExpiredTokenAndAnotherPartnersAnswer() throws Exception {
        LeadAssigned offer = offered("ZD");
        AnswerTokens forger = new AnswerTokens("somebody-elses-signing-key-of-32-bytes!!".getBytes(StandardCharsets.UTF_8));
        String forged = forger.issue(claims(offer, offer.partnerId(), offer.respondBy()));
        String expired = tokens.issue(claims(offer, offer.partnerId(), Instant.now().minusSeconds(5)));
        String otherPartner = tokens.issue(claims(offer, UUID.randomUUID(), offer.respondBy()));

        assertThat(api(forged, "{\"answer\": \"ACCEPT\"}").statusCode()).isEqualTo(403);
        assertThat(api(expired, "{\"answer\": \"ACCEPT\"}").statusCode()).isEqualTo(410);
        assertThat(api(otherPartner, "{\"answer\": \"ACCEPT\"}").statusCode()).isEqualTo(409);
        assertThat(page(forged, "en").statusCode()).isEqualTo(403);
        assertThat(api(token(offer), "{\"answer\": \"MAYBE\"}").statusCode()).isEqualTo(400);
        assertThat(kafka.recordsAfter(Duration.ofSeconds(1), keyed(offer.leadId()).and(ofType(EventTypes.LEAD_ACCEPTED)))).isEmpty();
    }

    /**
     * S3 (docs/reliability.md): looking at an answer link (HEAD, GET, many times) changes nothing;
     * a token with any byte flipped is refused; an expired token is refused on the page as in the
     * API; and the answer given first stands.
     */
    @Test
    void lookingAtALinkChangesNothingAndATamperedOrExpiredTokenIsRefusedEverywhere() throws Exception {
        LeadAssigned offer = offered("ZE");
        String token = token(offer);

        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(uri("/answers/" + token)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isIn(200, 405);
        for (int i = 0; i < 3; i++) {
            assertThat(page(token, "en").statusCode()).isEqualTo(200);
        }
        assertThat(kafka.recordsAfter(Duration.ofSeconds(1), keyed(offer.leadId()))).as("no answer from looking")
                .noneMatch(record -> ofType(EventTypes.LEAD_ACCEPTED).or(ofType(EventTypes.LEAD_DECLINED)).test(record));

        int refused = 0;
        // every seventh character, but not the last: its low bits are base64 padding, which decoders ignore
        for (int at = 0; at < token.length() - 1; at += 7) {
            char flipped = token.charAt(at) == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, at) + flipped + token.substring(at + 1);
            int status = api(tampered, "{\"answer\": \"ACCEPT\"}").statusCode();
            assertThat(status).as("byte %d flipped", at).isIn(400, 403);
            refused++;
        }
        String expired = tokens.issue(claims(offer, offer.partnerId(), Instant.now().minusSeconds(5)));
        assertThat(page(expired, "en").statusCode()).as("expired on the page too").isEqualTo(410);

        assertThat(api(token, "{\"answer\": \"DECLINE\", \"reason\": \"busy\"}").statusCode()).isEqualTo(200);
        assertThat(api(token, "{\"answer\": \"ACCEPT\"}").statusCode()).as("the first answer stands").isEqualTo(409);
        assertThat(kafka.recordsAfter(Duration.ofSeconds(1), keyed(offer.leadId()).and(ofType(EventTypes.LEAD_ACCEPTED)))).isEmpty();
        System.out.println("S3: HEAD and 3 GETs changed nothing; " + refused + " tampered tokens refused; expired refused on the page (410);"
                + " an accept after a decline refused (409)");
    }

    /** Registers a partner for a country of its own and routes a lead to it. */

    @Test
    void theCommittedOpenApiDescriptionIsCurrent() throws Exception {
        OpenApiDocs.assertCurrent(URI.create("http://127.0.0.1:" + port), Path.of("..", "docs", "api", "lead-router.openapi.json"));
    }

    @Test
    void theOperationsTheDescriptionSaysNeedSignInAnswer401WithoutItAndNoOtherDoes() throws Exception {
        OpenApiDocs.assertSignInAsDocumented(URI.create("http://127.0.0.1:" + port), Path.of("..", "docs", "api", "lead-router.openapi.json"));
    }
    private LeadAssigned offered(String country) {
        UUID partnerId = UUID.randomUUID();
        kafka.publish(Fixtures.partnerUpserted(partnerId, "Answering Partner " + country, "GOLD", List.of(country),
                List.of("java"), List.of("en"), 1));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !partners.coveringCountry(country).isEmpty() && replica.holds(partnerId, 1));
        LeadReceived lead = Fixtures.lead(country, "en", List.of("java"), List.of());
        kafka.publish(lead);
        return event(kafka.awaitRecord(keyed(lead.leadId()).and(ofType(EventTypes.LEAD_ASSIGNED))), LeadAssigned.class);
    }

    private String token(LeadAssigned offer) {
        return tokens.issue(claims(offer, offer.partnerId(), offer.respondBy()));
    }

    private static AnswerTokens.Claims claims(LeadAssigned offer, UUID partnerId, Instant expiresAt) {
        return new AnswerTokens.Claims(offer.leadId(), offer.assignmentId(), partnerId, expiresAt);
    }

    private HttpResponse<String> page(String token, String language) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/answers/" + token)).header("Accept-Language", language).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/answers/" + token)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
