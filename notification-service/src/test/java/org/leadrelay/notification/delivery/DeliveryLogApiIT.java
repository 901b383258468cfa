package org.leadrelay.notification.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.keyed;
import static org.leadrelay.testing.TopicProbe.ofType;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.notification.support.Endpoints;
import org.leadrelay.notification.support.Fixtures;
import org.leadrelay.notification.support.RunningService;
import org.leadrelay.testing.OpenApiDocs;
import org.leadrelay.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Operators read the delivery log over HTTP, signed in; health, metrics for Prometheus and the API description stay open. */
class DeliveryLogApiIT extends RunningService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TopicProbe kafka;

    @Autowired
    DisabledEndpoints disabled;

    @BeforeAll
    static void watch() {
        kafka = TopicProbe.on(Topics.NOTIFICATIONS);
    }

    @AfterAll
    static void stopWatching() {
        kafka.close();
    }

    @Test
    void operatorsReadEveryAttemptByLeadByPartnerAndWhatIsFailingNow() throws Exception {
        Endpoints.server().stubFor(post(urlEqualTo("/log/failing")).willReturn(aResponse().withStatus(500)));
        PartnerUpserted partner = known(kafka, Fixtures.partner("log@partner.example", "en", Endpoints.url("/log/failing")));
        LeadAssigned assigned = Fixtures.assigned(partner.partnerId());
        kafka.publish(assigned);
        kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED)));
        kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED)));

        HttpResponse<String> byLead = get("/api/deliveries?leadId=" + assigned.leadId(), OPERATOR);

        assertThat(byLead.statusCode()).isEqualTo(200);
        JsonNode deliveries = JSON.readTree(byLead.body());
        assertThat(deliveries).hasSize(2);
        JsonNode email = find(deliveries, "EMAIL");
        assertThat(email.get("id").asString()).isEqualTo(assigned.assignmentId() + ":offer:EMAIL:en");
        assertThat(email.get("state").asString()).isEqualTo("DELIVERED");
        assertThat(email.get("messageId").asString()).endsWith("@leadrelay.local>");
        assertThat(email.get("target").asString()).isEqualTo("partner:" + partner.partnerId());
        assertThat(email.get("attemptLog").get(0).get("outcome").asString()).isEqualTo("delivered");
        assertThat(email.get("attemptLog").get(0).get("latencyMs").asLong()).isNotNegative();
        JsonNode webhook = find(deliveries, "WEBHOOK");
        assertThat(webhook.get("state").asString()).isEqualTo("PENDING");
        assertThat(webhook.get("messageId").asString()).startsWith("msg_");
        assertThat(webhook.get("target").asString()).isEqualTo("http://127.0.0.1:" + Endpoints.server().port());
        assertThat(webhook.get("lastError").asString()).isEqualTo("webhook: HTTP 500");
        assertThat(Instant.parse(webhook.get("nextAttemptAt").asString())).isAfter(Instant.now());
        assertThat(webhook.get("attemptLog").get(0).get("error").asString()).isEqualTo("webhook: HTTP 500");
        assertThat(byLead.body()).doesNotContain("log@partner.example").doesNotContain(Fixtures.CUSTOMER.email()).doesNotContain("/log/failing");

        // a person's access request: everything held of the lead as stored, the partner's pending message withheld
        JsonNode held = JSON.readTree(get("/api/leads/" + assigned.leadId() + "/held-data", OPERATOR).body());
        assertThat(held.get("service").asString()).isEqualTo("notification-service");
        JsonNode collections = held.get("collections");
        assertThat(collections.get("deliveries")).hasSize(2);
        assertThat(collections.get("delivery_attempts").size()).isGreaterThanOrEqualTo(2);
        assertThat(collections.get("delivery_jobs")).singleElement()
                .satisfies(job -> assertThat(job.get("webhook").asString()).startsWith("withheld: "));
        assertThat(held.toString()).as("the partner's answer link is not the person's").doesNotContain("answerToken", "/answers/")
                .doesNotContain("log@partner.example");
        assertThat(collections.get("offered_leads")).singleElement()
                .satisfies(offer -> assertThat(offer.get("partnerId").asString()).isEqualTo(partner.partnerId().toString()));
        assertThat(collections.get("erased_leads")).isEmpty();

        JsonNode failing = JSON.readTree(get("/api/deliveries/failing", OPERATOR).body());
        assertThat(failing.valueStream().map(node -> node.get("id").asString()))
                .contains(assigned.assignmentId() + ":offer:WEBHOOK");
        JsonNode byPartner = JSON.readTree(get("/api/deliveries?partnerId=" + partner.partnerId(), OPERATOR).body());
        assertThat(byPartner).hasSize(2);
        HttpResponse<String> one = get("/api/deliveries/" + assigned.assignmentId() + ":offer:WEBHOOK", OPERATOR);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(one.body()).get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void refusesStrangersAndUnclearQuestions() throws Exception {
        HttpResponse<String> anonymous = get("/api/deliveries/failing", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        String wrongPassword = "Basic " + java.util.Base64.getEncoder().encodeToString("operator:guess".getBytes());
        assertThat(get("/api/deliveries/failing", wrongPassword).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);

        HttpResponse<String> neither = get("/api/deliveries", OPERATOR);
        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(neither.body()).contains("/leadId");
        assertThat(get("/api/deliveries/" + UUID.randomUUID() + ":offer:EMAIL:en", OPERATOR).statusCode()).isEqualTo(404);
    }

    @Test
    void healthPrometheusAndTheApiDescriptionStayOpen() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> prometheus = get("/actuator/prometheus", null);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("leadrelay_notifications_pending{").contains("leadrelay_notifications_circuits{");
        assertThat(get("/actuator/metrics", OPERATOR).statusCode()).isEqualTo(200);
        OpenApiDocs.assertCurrent(URI.create("http://127.0.0.1:" + port), Path.of("..", "docs", "api", "notification-service.openapi.json"));
    }

    @Test
    void theOperationsTheDescriptionSaysNeedSignInAnswer401WithoutItAndNoOtherDoes() throws Exception {
        OpenApiDocs.assertSignInAsDocumented(URI.create("http://127.0.0.1:" + port), Path.of("..", "docs", "api", "notification-service.openapi.json"));
    }

    @Test
    void anOperatorEnablesADisabledEndpointAgain() throws Exception {
        UUID partnerId = UUID.randomUUID();
        disabled.disable(partnerId, URI.create("https://hooks.partner.example/leadrelay?token=secret"), "webhook: HTTP 410 Gone", Instant.now());

        JsonNode listed = JSON.readTree(get("/api/disabled-endpoints", OPERATOR).body());
        assertThat(listed.valueStream().filter(node -> node.get("partnerId").asString().equals(partnerId.toString())))
                .singleElement().satisfies(node -> assertThat(node.get("origin").asString()).isEqualTo("https://hooks.partner.example"));
        assertThat(listed.toString()).doesNotContain("token=secret");

        assertThat(delete("/api/disabled-endpoints/" + partnerId).statusCode()).isEqualTo(204);
        assertThat(delete("/api/disabled-endpoints/" + partnerId).statusCode()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(5)).until(() -> disabled.all().stream().noneMatch(endpoint -> endpoint.partnerId().equals(partnerId)));
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(service(path)).header("Authorization", OPERATOR).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode find(JsonNode deliveries, String channel) {
        return deliveries.valueStream().filter(node -> node.get("channel").asString().equals(channel)).findFirst().orElseThrow();
    }
}
