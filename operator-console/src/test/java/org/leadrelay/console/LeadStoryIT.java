package org.leadrelay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.console.leads.LeadState;
import org.leadrelay.console.leads.LeadStories;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.events.PassedOver;
import org.leadrelay.events.Score;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.events.Topics;
import org.leadrelay.testing.ConsoleBrowser;
import org.leadrelay.testing.LeadKeyServer;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@WithInfrastructure
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + ConsoleApplication.CONFIG_NAME, LeadKeyServer.CONSOLE_URL, LeadKeyServer.CONSOLE_USERNAME,
                LeadKeyServer.CONSOLE_PASSWORD})
class LeadStoryIT {

    private static TopicProbe kafka;

    @LocalServerPort
    int port;

    @Autowired
    LeadStories stories;

    @BeforeAll
    static void probe() {
        kafka = TopicProbe.on(Topics.ASSIGNMENTS);
    }

    @AfterAll
    static void closeProbe() {
        kafka.close();
    }

    @Test
    void a_leads_page_tells_its_story_in_order_whatever_order_the_topics_deliver_it_and_once_however_often() {
        LeadReceived lead = lead("marker.person@example.org");
        UUID partner = UUID.randomUUID();
        Instant assignedAt = lead.receivedAt().plusMillis(40);
        LeadAssigned assigned = new LeadAssigned(lead.leadId(), UUID.randomUUID(), partner, "Rhône Data", 1,
                Score.of(List.of(new ScoreComponent("speciality", 60, "offers postgresql and migration"))), List.of(),
                List.of(new PassedOver(UUID.randomUUID(), "Paris SQL", "capacity: holds 5 of 5 leads")), lead.brief(), assignedAt,
                assignedAt.plus(Duration.ofHours(4)));
        EventEnvelope<LeadAssigned> offer = EventEnvelope.of(UUID.randomUUID(), "/leadrelay/tests", assignedAt, assigned);
        kafka.publish(offer); // the offer first: another topic, another consumer
        kafka.publish(offer); // and again: a redelivery
        kafka.publish(EventEnvelope.of(UUID.randomUUID(), "/leadrelay/tests", lead.receivedAt(), lead));

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> stories.find(lead.leadId()).map(story -> story.events().size() == 2 && story.receivedAt() != null).orElse(false));
        var story = stories.find(lead.leadId()).orElseThrow();
        assertThat(story.state()).isEqualTo(LeadState.OFFERED);
        assertThat(story.events()).extracting(event -> event.type()).containsExactly("org.leadrelay.lead.received.v2",
                "org.leadrelay.lead.assigned.v1");
        assertThat(story.timeToAssign()).isEqualTo(Duration.ofMillis(40));

        ConsoleBrowser operator = ConsoleBrowser.signIn(base(), "operator", "local-operator-password");
        HttpResponse<String> page = operator.get("/leads/" + lead.leadId());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Rhône Data", "offers postgresql and migration", "Paris SQL", "capacity: holds 5 of 5 leads",
                "marker.person@example.org");

        ConsoleBrowser viewer = ConsoleBrowser.signIn(base(), "viewer", "local-viewer-password");
        HttpResponse<String> seen = viewer.get("/leads/" + lead.leadId());
        assertThat(seen.body()).contains("Rhône Data").doesNotContain("marker.person@example.org", "Marker Person", "+33611223344");
        assertThat(viewer.get("/leads?email=marker.person@example.org").body()).doesNotContain(lead.leadId().toString().substring(0, 8));
        assertThat(operator.get("/leads?email=Marker.Person@example.org").body()).contains("/leads/" + lead.leadId());
        assertThat(viewer.get("/leads?country=fr").body()).contains("/leads/" + lead.leadId());
        assertThat(viewer.get("/leads?partner=" + partner).body()).contains("/leads/" + lead.leadId());
        assertThat(viewer.get("/leads?partner=" + partner + "&state=ACCEPTED").body()).doesNotContain("/leads/" + lead.leadId());
        assertThat(viewer.get("/leads?state=OFFERED").body()).contains("/leads/" + lead.leadId());
        assertThat(viewer.get("/leads?state=ACCEPTED").body()).doesNotContain("/leads/" + lead.leadId());
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        assertThat(viewer.get("/leads?country=FR&from=" + today.minusDays(3) + "&to=" + today.minusDays(2)).body())
                .doesNotContain("/leads/" + lead.leadId());
        assertThat(viewer.get("/leads?from=" + today + "&to=" + today).body()).contains("/leads/" + lead.leadId());
    }

    @Test
    void the_live_flow_counts_each_lead_once_and_lists_it_among_the_latest() {
        LeadReceived lead = lead("someone@example.org");
        EventEnvelope<LeadReceived> received = EventEnvelope.of(UUID.randomUUID(), "/leadrelay/tests", lead.receivedAt(), lead);
        ConsoleBrowser viewer = ConsoleBrowser.signIn(base(), "viewer", "local-viewer-password");
        long before = received(viewer);
        kafka.publish(received);
        kafka.publish(received);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> viewer.get("/api/flow").body().contains(lead.leadId().toString()));
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> received(viewer) == before + 1);
        // the lag table lists the groups with members, the console's own among them
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> viewer.get("/api/flow").body().contains("\"operator-console.g1.leads-received\":"));
    }

    @Test
    void a_story_this_version_cannot_read_is_refused_without_its_personal_data_in_the_error(
            @Autowired org.springframework.data.mongodb.core.MongoTemplate mongo) {
        UUID leadId = UUID.randomUUID();
        mongo.insert(new org.bson.Document("_id", leadId).append("version", "not a number").append("events", List.of()).append("state", "OFFERED")
                .append("offers", 1).append("contact", new org.bson.Document("name", "Hidden Person").append("email", "hidden@example.org")),
                "leads");
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> stories.find(leadId));
        assertThat(refused).isInstanceOf(IllegalStateException.class).hasNoCause().hasMessageContaining(leadId.toString());
        assertThat(refused.getMessage()).doesNotContain("hidden@example.org", "Hidden Person");
    }

    @Test
    void nobody_reads_the_console_without_signing_in_and_a_viewer_cannot_act() {
        ConsoleBrowser viewer = ConsoleBrowser.signIn(base(), "viewer", "local-viewer-password");
        assertThat(viewer.postForm("/leads", "/leads", "").statusCode()).isEqualTo(403);
        assertThat(java.net.http.HttpClient.newHttpClient().sendAsync(java.net.http.HttpRequest.newBuilder(base().resolve("/api/flow")).build(),
                HttpResponse.BodyHandlers.discarding()).join().statusCode()).isIn(302, 401, 403);
    }

    private static long received(ConsoleBrowser browser) {
        String body = browser.get("/api/flow").body();
        var matcher = java.util.regex.Pattern.compile("\"lastHour\":\\{\"received\":(\\d+)").matcher(body);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static LeadReceived lead(String email) {
        UUID leadId = UUID.randomUUID();
        return new LeadReceived(leadId, LeadKeyServer.seal(leadId, new Contact("Marker Person", email, "+33611223344", "Marker SARL"), null),
                new Need(List.of("postgresql"), List.of("migration"), null), new Location("FR", null, "Lyon", null, null),
                "fr", 40, new Consent("partner-contact-v1", Instant.now()), "website-form", Instant.now());
    }
}
