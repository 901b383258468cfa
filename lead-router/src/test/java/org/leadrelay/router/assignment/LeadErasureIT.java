package org.leadrelay.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.header;
import static org.leadrelay.testing.TopicProbe.keyed;
import static org.leadrelay.testing.TopicProbe.ofType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.AssignmentId;
import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.Environment;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadErased;
import org.leadrelay.events.LeadErasureCompleted;
import org.leadrelay.events.LeadId;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.events.PartnerId;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.router.Fixtures;
import org.leadrelay.router.LeadRouterApplication;
import org.leadrelay.router.partners.PartnerCopies;
import org.leadrelay.router.partners.PartnerReplica;
import org.leadrelay.testing.LeadKeyServer;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Erasure at the router, through the broker and the database: {@code LeadErased} on
 * {@code leads.erasures.v1} anonymises the lead's case, closes its pending offer, and is reported
 * with {@code LeadErasureCompleted}; a lead erased before it arrives is never routed.
 */
@WithInfrastructure
@SpringBootTest(classes = LeadRouterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + LeadRouterApplication.CONFIG_NAME, "leadrelay.router.deadline-poll=200ms"})
class LeadErasureIT {

    private static final String NAME = "Ottilie Erasmus-Marker";
    private static final String EMAIL = "ottilie.marker@erasure-test.example";
    private static final String PHONE = "+352621999111";
    private static final String WORDS = "Our clinic in Strassen runs PostgreSQL 9.6; ask for Ottilie";
    private static TopicProbe kafka;

    @Autowired
    ManagingAssignments assignments;

    @Autowired
    PartnerCopies partners;

    @Autowired
    PartnerReplica replica;

    @Autowired
    PartnerLoads loads;

    @Autowired
    MongoTemplate mongo;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** GET /api/leads/{id}/held-data as an operator: the router's part of an access request. */
    private String heldData(UUID leadId) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/leads/" + leadId + "/held-data"))
                    .header("Authorization", AssignmentLifecycleIT.OPERATOR).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void connect() {
        kafka = TopicProbe.on(Topics.ASSIGNMENTS, Topics.ERASURES);
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void anOfferedLeadIsAnonymisedItsOfferClosedAndTheErasureReportedOnce() {
        String country = country();
        UUID partner = partner(country);
        LeadReceived lead = lead(country);
        LeadAssigned assigned = event(kafka.awaitRecord(keyed(lead.leadId()).and(ofType(EventTypes.LEAD_ASSIGNED))), LeadAssigned.class);
        assertThat(assigned.lead().personal()).as("the offer carries the sealed data on").isEqualTo(lead.personal());
        assertThat(loads.of(List.of(partner), PartnerLoads.week(Instant.now())).get(partner).open()).isEqualTo(1);
        // a person's access request: the case as stored, its personal data sealed, and the offer's open timer
        String held = heldData(lead.leadId());
        assertThat(held).contains("\"service\":\"lead-router\"", lead.personal().ciphertext(), "\"timers\":[{").doesNotContain(EMAIL, NAME, WORDS);

        kafka.publish(new LeadErased(lead.leadId(), Instant.now()));
        LeadErasureCompleted report = event(kafka.awaitRecord(keyed(lead.leadId()).and(ofType(EventTypes.LEAD_ERASURE_COMPLETED))),
                LeadErasureCompleted.class);

        assertThat(report.service()).isEqualTo("lead-router");
        assertThat(report.summary()).contains("case anonymised", "pending offer withdrawn").doesNotContain(NAME, EMAIL, WORDS);
        LeadCase erased = assignments.find(LeadId.of(lead.leadId())).orElseThrow();
        assertThat(erased.state()).isEqualTo(LeadCase.State.ERASED);
        assertThat(erased.lead().personal()).isNull();
        assertThat(erased.lead().need().products()).containsExactly("postgresql"); // what routing used stays
        assertThat(erased.attempts()).singleElement().satisfies(offer -> {
            assertThat(offer.outcome()).isEqualTo(LeadCase.Outcome.WITHDRAWN);
            assertThat(((LeadAssigned) offer.event()).lead().personal()).isNull();
        });
        assertThat(storedCase(lead.leadId())).doesNotContain(NAME, EMAIL, PHONE, WORDS, "Strassen", lead.personal().ciphertext());
        assertThat(heldData(lead.leadId())).contains(lead.leadId().toString()).doesNotContain(NAME, EMAIL, PHONE, WORDS, "Strassen", lead.personal().ciphertext());
        assertThat(loads.of(List.of(partner), PartnerLoads.week(Instant.now())).get(partner).open())
                .as("the withdrawn offer's place is given back").isZero();
        assertThatThrownBy(() -> assignments.answer(LeadId.of(lead.leadId()), AssignmentId.of(assigned.assignmentId()), PartnerId.of(partner), true, null))
                .isInstanceOf(OfferClosedException.class).hasMessageContaining("erased");

        // erasing again, as a redelivered record would: the same report (one event id), nothing else changes
        kafka.publish(new LeadErased(lead.leadId(), Instant.now()));
        List<ConsumerRecord<String, byte[]>> reports = kafka.awaitRecords(
                keyed(lead.leadId()).and(ofType(EventTypes.LEAD_ERASURE_COMPLETED)), 2, Duration.ofSeconds(30));
        assertThat(reports).extracting(record -> header(record, CloudEventHeaders.ID)).containsOnly(header(reports.get(0), CloudEventHeaders.ID));
        assertThat(assignments.find(LeadId.of(lead.leadId())).orElseThrow().version()).isEqualTo(erased.version());
        assertThat(kafka.recordsAfter(Duration.ofSeconds(1), keyed(lead.leadId()).and(ofType(EventTypes.LEAD_ACCEPTED)))).isEmpty();
    }

    @Test
    void anAcceptedLeadKeepsItsHistoryWithoutThePerson() {
        String country = country();
        UUID partner = partner(country);
        LeadReceived lead = lead(country);
        LeadAssigned assigned = event(kafka.awaitRecord(keyed(lead.leadId()).and(ofType(EventTypes.LEAD_ASSIGNED))), LeadAssigned.class);
        assignments.answer(LeadId.of(lead.leadId()), AssignmentId.of(assigned.assignmentId()), PartnerId.of(partner), true, null);
        assertThat(event(kafka.awaitRecord(keyed(lead.leadId()).and(ofType(EventTypes.LEAD_ACCEPTED))), LeadAccepted.class).personal())
                .isEqualTo(lead.personal());
        assertThat(LeadKeyServer.open(lead.leadId(), lead.personal()).contact().email()).isEqualTo(EMAIL);
        assertThat(storedCase(lead.leadId())).contains(lead.personal().ciphertext()); // the control: the case held the person before

        kafka.publish(new LeadErased(lead.leadId(), Instant.now()));
        LeadErasureCompleted report = event(kafka.awaitRecord(keyed(lead.leadId()).and(ofType(EventTypes.LEAD_ERASURE_COMPLETED))),
                LeadErasureCompleted.class);

        assertThat(report.summary()).contains("case anonymised").doesNotContain("withdrawn");
        LeadCase erased = assignments.find(LeadId.of(lead.leadId())).orElseThrow();
        assertThat(erased.state()).isEqualTo(LeadCase.State.ERASED);
        assertThat(erased.attempts()).singleElement().satisfies(offer -> assertThat(offer.outcome()).isEqualTo(LeadCase.Outcome.ACCEPTED));
        assertThat(storedCase(lead.leadId())).doesNotContain(NAME, EMAIL, PHONE, WORDS, "Strassen", lead.personal().ciphertext());
    }

    @Test
    void aLeadErasedBeforeItArrivesIsNeverRouted() {
        String country = country();
        partner(country);
        LeadReceived lead = leadNotSent(country);

        kafka.publish(new LeadErased(lead.leadId(), Instant.now()));
        LeadErasureCompleted report = event(kafka.awaitRecord(keyed(lead.leadId()).and(ofType(EventTypes.LEAD_ERASURE_COMPLETED))),
                LeadErasureCompleted.class);
        kafka.publish(lead); // published before the erasure, read after it

        assertThat(report.summary()).contains("erased before it was received");
        // an absence: a routed lead is offered well within these 5 s (the other tests' leads are, in milliseconds)
        assertThat(kafka.recordsAfter(Duration.ofSeconds(5), keyed(lead.leadId()).and(ofType(EventTypes.LEAD_ASSIGNED)))).isEmpty();
        LeadCase erased = assignments.find(LeadId.of(lead.leadId())).orElseThrow();
        assertThat(erased.state()).isEqualTo(LeadCase.State.ERASED);
        assertThat(erased.lead()).isNull();
        assertThat(erased.attempts()).isEmpty();
    }

    private String storedCase(UUID leadId) {
        return mongo.findById(leadId, Document.class, "leads").toJson();
    }

    private UUID partner(String country) {
        UUID id = UUID.randomUUID();
        kafka.publish(new PartnerUpserted(id, "Erasure " + id.toString().substring(0, 6), "GOLD", List.of(country), List.of("postgresql", "migration"),
                List.of("fr"), 5, "leads@partner.example", null, true, 1, Fixtures.NOW, "ACTIVE", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> partners.find(id).isPresent() && replica.holds(id, 1));
        return id;
    }

    private LeadReceived lead(String country) {
        LeadReceived lead = leadNotSent(country);
        kafka.publish(lead);
        return lead;
    }

    private static LeadReceived leadNotSent(String country) {
        UUID leadId = UUID.randomUUID();
        return new LeadReceived(leadId, LeadKeyServer.seal(leadId, new Contact(NAME, EMAIL, PHONE, "Clinique Marker"), WORDS),
                new Need(List.of("postgresql"), List.of("migration"), Environment.NONE),
                new Location(country, null, "Lyon", null, null), "fr", 50, new Consent("partner-contact-v1", Fixtures.NOW), "website-form",
                Fixtures.NOW);
    }

    /** A country of its own for each test (not AssignmentLifecycleIT's), so one test's partners never take another's leads. */
    private static String country() {
        return Fixtures.uniqueCountry();
    }
}
