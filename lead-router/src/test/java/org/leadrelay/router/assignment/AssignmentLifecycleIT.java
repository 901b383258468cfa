package org.leadrelay.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.header;
import static org.leadrelay.testing.TopicProbe.keyed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.AssignmentId;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadAssignmentExpired;
import org.leadrelay.events.LeadDeclined;
import org.leadrelay.events.LeadId;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.LeadUnroutable;
import org.leadrelay.events.PartnerId;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.router.Fixtures;
import org.leadrelay.router.LeadRouterApplication;
import org.leadrelay.router.partners.PartnerCopies;
import org.leadrelay.router.partners.PartnerReplica;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Accept, decline, deadlines, the operators' queue and hand assignment, through the broker, the database and the operator API. */
@WithInfrastructure
@SpringBootTest(classes = LeadRouterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + LeadRouterApplication.CONFIG_NAME, "leadrelay.router.deadline-poll=200ms"})
class AssignmentLifecycleIT {

    static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString("operator:local-operator-password".getBytes(StandardCharsets.UTF_8));
    private static TopicProbe kafka;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();

    @LocalServerPort
    int port;

    @Autowired
    ManagingAssignments assignments;

    @Autowired
    PartnerCopies partners;

    @Autowired
    PartnerReplica replica;

    @Autowired
    PartnerLoads loads;

    @Autowired
    Deadlines deadlines;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @BeforeAll
    static void connect() {
        kafka = TopicProbe.on(Topics.ASSIGNMENTS);
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void aDeclinedLeadGoesToTheNextBestPartnerAndAnAcceptedOneCarriesTheContact() {
        String country = country();
        UUID best = partner(country, "GOLD", 5, null);
        UUID next = partner(country, "SILVER", 5, null);
        LeadReceived lead = lead(country);

        LeadAssigned assigned = event(awaitType(lead.leadId(), EventTypes.LEAD_ASSIGNED), LeadAssigned.class);
        assignments.answer(LeadId.of(lead.leadId()), AssignmentId.of(assigned.assignmentId()), PartnerId.of(best), false, "too busy");
        LeadDeclined declined = event(awaitType(lead.leadId(), EventTypes.LEAD_DECLINED), LeadDeclined.class);
        LeadReassigned reassigned = event(awaitType(lead.leadId(), EventTypes.LEAD_REASSIGNED), LeadReassigned.class);
        assignments.answer(LeadId.of(lead.leadId()), AssignmentId.of(reassigned.assignmentId()), PartnerId.of(next), true, null);
        assignments.answer(LeadId.of(lead.leadId()), AssignmentId.of(reassigned.assignmentId()), PartnerId.of(next), true, null); // the same answer twice changes nothing
        LeadAccepted accepted = event(awaitType(lead.leadId(), EventTypes.LEAD_ACCEPTED), LeadAccepted.class);

        assertThat(assigned.partnerId()).isEqualTo(best);
        assertThat(declined.reason()).isEqualTo("too busy");
        assertThat(reassigned.partnerId()).isEqualTo(next);
        assertThat(reassigned.previousPartnerId()).isEqualTo(best);
        assertThat(reassigned.reason()).isEqualTo("declined");
        assertThat(reassigned.attempt()).isEqualTo(2);
        assertThat(reassigned.passedOver()).extracting(passed -> passed.partnerId()).contains(best);
        assertThat(accepted.partnerId()).isEqualTo(next);
        assertThat(accepted.personal()).isEqualTo(lead.personal());
        assertThat(kafka.recordsAfter(Duration.ofMillis(500), keyed(lead.leadId()).and(TopicProbe.ofType(EventTypes.LEAD_ACCEPTED))))
                .hasSize(1);
        assertThatThrownBy(() -> assignments.answer(LeadId.of(lead.leadId()), AssignmentId.of(reassigned.assignmentId()), PartnerId.of(next), false, "changed my mind"))
                .isInstanceOf(OfferClosedException.class).hasMessageContaining("accepted");
        assertThatThrownBy(() -> assignments.answer(LeadId.of(lead.leadId()), AssignmentId.of(assigned.assignmentId()), PartnerId.of(best), true, null))
                .isInstanceOf(OfferClosedException.class).hasMessageContaining("declined");
        assertThat(meters.counter("leadrelay.router.reassignments", "reason", "declined").count()).isPositive();
        assertThat(meters.timer("leadrelay.router.time.to.assign").count()).isPositive();
        assertThat(meters.timer("leadrelay.router.time.to.accept").count()).isPositive();
    }

    @Test
    void silencePastTheDeadlineExpiresTheOfferOnceAndMovesTheLeadOn() {
        String country = country();
        UUID slow = partner(country, "PLATINUM", 5, Duration.ofSeconds(1));
        UUID next = partner(country, "REGISTERED", 5, null);
        LeadReceived lead = lead(country);

        LeadAssigned assigned = event(awaitType(lead.leadId(), EventTypes.LEAD_ASSIGNED), LeadAssigned.class);
        LeadAssignmentExpired expired = event(awaitType(lead.leadId(), EventTypes.LEAD_ASSIGNMENT_EXPIRED), LeadAssignmentExpired.class);
        LeadReassigned reassigned = event(awaitType(lead.leadId(), EventTypes.LEAD_REASSIGNED), LeadReassigned.class);

        assertThat(assigned.partnerId()).isEqualTo(slow);
        assertThat(assigned.respondBy()).isEqualTo(assigned.assignedAt().plusSeconds(1));
        assertThat(expired.assignmentId()).isEqualTo(assigned.assignmentId());
        assertThat(expired.expiredAt()).isAfterOrEqualTo(assigned.respondBy());
        assertThat(reassigned.partnerId()).isEqualTo(next);
        assertThat(reassigned.reason()).isEqualTo("expired");
        assertThat(kafka.recordsAfter(Duration.ofSeconds(2), keyed(lead.leadId()).and(TopicProbe.ofType(EventTypes.LEAD_ASSIGNMENT_EXPIRED))))
                .hasSize(1);
        assertThatThrownBy(() -> assignments.answer(LeadId.of(lead.leadId()), AssignmentId.of(assigned.assignmentId()), PartnerId.of(slow), true, null))
                .isInstanceOf(OfferClosedException.class).hasMessageContaining("moved on");
        assertThat(meters.counter("leadrelay.router.expiries").count()).isPositive();
        assertThat(meters.counter("leadrelay.router.reassignments", "reason", "expired").count()).isPositive();
    }

    @Test
    void whenEveryoneDeclinesTheLeadWaitsForOperatorsWhoAssignItByHand() throws Exception {
        String country = country();
        UUID first = partner(country, "GOLD", 5, null);
        UUID second = partner(country, "SILVER", 5, null);
        UUID elsewhere = partner(country() , "GOLD", 5, null);
        LeadReceived lead = lead(country);
        LeadAssigned assigned = event(awaitType(lead.leadId(), EventTypes.LEAD_ASSIGNED), LeadAssigned.class);
        assignments.answer(LeadId.of(lead.leadId()), AssignmentId.of(assigned.assignmentId()), PartnerId.of(first), false, null);
        LeadReassigned reassigned = event(awaitType(lead.leadId(), EventTypes.LEAD_REASSIGNED), LeadReassigned.class);
        assignments.answer(LeadId.of(lead.leadId()), AssignmentId.of(reassigned.assignmentId()), PartnerId.of(second), false, "not our field");

        LeadUnroutable unroutable = event(awaitType(lead.leadId(), EventTypes.LEAD_UNROUTABLE), LeadUnroutable.class);
        JsonNode queue = json.readTree(get("/api/leads/unroutable?limit=500").body());
        HttpResponse<String> byHand = send("POST", "/api/leads/" + lead.leadId() + "/assignment",
                "{\"partnerId\": \"" + elsewhere + "\", \"reason\": \"knows the customer\"}", OPERATOR);
        LeadReassigned manual = event(kafka.awaitRecord(keyed(lead.leadId()).and(record -> EventTypes.LEAD_REASSIGNED.equals(header(record, "ce_type"))
                && event(record, LeadReassigned.class).partnerId().equals(elsewhere))), LeadReassigned.class);
        JsonNode decision = json.readTree(get("/api/leads/" + lead.leadId() + "/decision").body());

        assertThat(unroutable.attempts()).isEqualTo(2);
        assertThat(unroutable.reason()).startsWith("nobody else can take it");
        assertThat(unroutable.passedOverCounts()).isNotEmpty();
        assertThat(queue.findValuesAsString("leadId")).contains(lead.leadId().toString());
        assertThat(byHand.statusCode()).as(byHand.body()).isEqualTo(200);
        assertThat(manual.reason()).isEqualTo("operator: knows the customer");
        assertThat(manual.previousPartnerId()).isEqualTo(second);
        assertThat(decision.get("state").asString()).isEqualTo("OFFERED");
        assertThat(decision.get("offers").findValuesAsString("outcome")).containsExactly("DECLINED", "DECLINED", "PENDING");
        assertThat(decision.get("offers").get(0).get("score").get("components")).isNotEmpty();
        assertThat(decision.get("offers").get(2).get("assignedBy").asString()).isEqualTo("operator");
        assertThat(send("GET", "/api/leads/" + lead.leadId() + "/decision", null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/leads/" + lead.leadId() + "/reopen", null, OPERATOR).statusCode()).isEqualTo(409);
        assertThat(meters.counter("leadrelay.router.unroutable", "reason", "nobody-eligible").count()).isPositive();
        assertThat(meters.counter("leadrelay.router.reassignments", "reason", "operator").count()).isPositive();
    }

    @Test
    void aPartnerAtItsCapacityIsPassedOverAndTheLoadIsShown() throws Exception {
        String country = country();
        UUID small = partner(country, "PLATINUM", 1, null);
        LeadReceived first = lead(country);
        LeadReceived second = lead(country);

        // routed in parallel: whichever reserved the one place first gets it, the other finds it taken
        ConsumerRecord<String, byte[]> firstDecision = kafka.awaitRecord(keyed(first.leadId()));
        boolean firstWon = EventTypes.LEAD_ASSIGNED.equals(header(firstDecision, "ce_type"));
        LeadReceived winner = firstWon ? first : second;
        LeadReceived loser = firstWon ? second : first;
        LeadAssigned assigned = event(awaitType(winner.leadId(), EventTypes.LEAD_ASSIGNED), LeadAssigned.class);
        LeadUnroutable unroutable = event(awaitType(loser.leadId(), EventTypes.LEAD_UNROUTABLE), LeadUnroutable.class);
        JsonNode loads = json.readTree(get("/api/partners/load").body());

        assertThat(assigned.partnerId()).isEqualTo(small);
        assertThat(unroutable.passedOver()).extracting(passed -> passed.partnerId()).contains(small);
        JsonNode load = null;
        for (JsonNode row : loads) {
            if (row.get("partnerId").asString().equals(small.toString())) {
                load = row;
            }
        }
        assertThat(load).isNotNull();
        assertThat(load.get("openLeads").asInt()).isEqualTo(1);
        assertThat(load.get("capacity").asInt()).isEqualTo(1);
        assignments.answer(LeadId.of(winner.leadId()), AssignmentId.of(assigned.assignmentId()), PartnerId.of(small), false, "full after all");
        assertThat(send("POST", "/api/leads/" + loser.leadId() + "/reopen", null, OPERATOR).statusCode()).isEqualTo(200);
        LeadAssigned afterReopen = event(awaitType(loser.leadId(), EventTypes.LEAD_ASSIGNED), LeadAssigned.class);
        assertThat(afterReopen.partnerId()).as("the place the decline freed").isEqualTo(small);
    }

    @Test
    void aLeadThatRanOutOfAttemptsIsOfferedAgainWhenReopened() throws Exception {
        String country = country();
        List<UUID> four = List.of(partner(country, "PLATINUM", 5, null), partner(country, "GOLD", 5, null),
                partner(country, "SILVER", 5, null), partner(country, "REGISTERED", 5, null));
        LeadReceived lead = lead(country);
        LeadAssigned first = event(awaitType(lead.leadId(), EventTypes.LEAD_ASSIGNED), LeadAssigned.class);
        List<UUID> declined = new java.util.ArrayList<>(List.of(first.partnerId()));
        assignments.answer(LeadId.of(lead.leadId()), AssignmentId.of(first.assignmentId()), PartnerId.of(first.partnerId()), false, null);
        for (int number = 2; number <= 3; number++) {
            LeadReassigned next = offer(lead.leadId(), number);
            declined.add(next.partnerId());
            assignments.answer(LeadId.of(lead.leadId()), AssignmentId.of(next.assignmentId()), PartnerId.of(next.partnerId()), false, null);
        }
        LeadUnroutable exhausted = event(awaitType(lead.leadId(), EventTypes.LEAD_UNROUTABLE), LeadUnroutable.class);

        assertThat(send("POST", "/api/leads/" + lead.leadId() + "/reopen", null, OPERATOR).statusCode()).isEqualTo(200);
        LeadReassigned reopened = offer(lead.leadId(), 4);

        assertThat(exhausted.reason()).isEqualTo("no answer after 3 offers");
        assertThat(reopened.reason()).isEqualTo("reopened");
        assertThat(reopened.partnerId()).as("the one partner that has not declined").isIn(four).isNotIn(declined);
        assertThat(meters.counter("leadrelay.router.unroutable", "reason", "attempts-exhausted").count()).isPositive();
    }

    @Test
    void aPlaceReservedForAnOfferThatWasNeverStoredIsGivenBackByItsTimer() {
        String country = country();
        UUID partner = partner(country, "GOLD", 1, null);
        UUID neverStoredLead = UUID.randomUUID();
        UUID neverStoredOffer = UUID.randomUUID();
        String week = PartnerLoads.week(java.time.Instant.now());

        // as if an instance reserved the place and scheduled the deadline, then died before storing the lead
        assertThat(loads.reserve(partner, neverStoredOffer, 1, null, week)).isTrue();
        deadlines.schedule(Deadlines.Timer.expiry(neverStoredLead, neverStoredOffer, partner, java.time.Instant.now().minusSeconds(1)));

        await().atMost(Duration.ofSeconds(20)).until(() -> loads.of(List.of(partner), week).get(partner).open() == 0);
        LeadReceived lead = lead(country);
        assertThat(event(awaitType(lead.leadId(), EventTypes.LEAD_ASSIGNED), LeadAssigned.class).partnerId()).isEqualTo(partner);
    }

    private LeadReassigned offer(UUID leadId, int number) {
        return event(kafka.awaitRecord(keyed(leadId).and(record -> EventTypes.LEAD_REASSIGNED.equals(header(record, "ce_type"))
                && event(record, LeadReassigned.class).attempt() == number)), LeadReassigned.class);
    }

    private ConsumerRecord<String, byte[]> awaitType(UUID leadId, String type) {
        return kafka.awaitRecord(keyed(leadId).and(record -> type.equals(header(record, "ce_type"))));
    }

    private UUID partner(String country, String tier, int capacity, Duration deadline) {
        UUID id = UUID.randomUUID();
        kafka.publish(new PartnerUpserted(id, tier + " " + id.toString().substring(0, 6), tier, List.of(country), List.of("postgresql", "migration"),
                List.of("fr"), capacity, "leads@partner.example", null, true, 1, Fixtures.NOW, "ACTIVE", null, null, null, null, null,
                null, null, null, deadline, null, null, null, null, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> partners.find(id).isPresent() && replica.holds(id, 1));
        return id;
    }

    private LeadReceived lead(String country) {
        LeadReceived lead = Fixtures.lead(country, "fr", List.of("postgresql"), List.of("migration"));
        kafka.publish(lead);
        return lead;
    }

    /** A country of its own for each test, so partners from one test never take another test's leads. */
    private static String country() {
        return Fixtures.uniqueCountry();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, OPERATOR);
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
