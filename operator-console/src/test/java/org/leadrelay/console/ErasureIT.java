package org.leadrelay.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.console.erasures.TrackingErasures;
import org.leadrelay.console.leads.LeadState;
import org.leadrelay.console.leads.LeadStories;
import org.leadrelay.console.leads.LeadStory;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadErased;
import org.leadrelay.events.LeadErasureCompleted;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
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
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Erasure in the console, through the broker and the database: the story of an erased lead keeps
 * what happened and nothing of the person (not even sealed), the search by email (which asks
 * lead-intake, here its key endpoint's stand-in) no longer finds it, and the
 * erasure is followed per service until every service has reported it done, or shown overdue.
 */
@WithInfrastructure
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + ConsoleApplication.CONFIG_NAME, LeadKeyServer.CONSOLE_URL, LeadKeyServer.CONSOLE_USERNAME,
                LeadKeyServer.CONSOLE_PASSWORD})
class ErasureIT {

    private static final String NAME = "Erwin Forgetme";
    private static final String EMAIL = "erwin.forgetme@erasure-console.example";
    private static final String PHONE = "+33699887766";
    private static final String WORDS = "Our Forgetme bakery runs on MySQL";
    private static TopicProbe kafka;

    @LocalServerPort
    int port;

    @Autowired
    LeadStories stories;

    @Autowired
    TrackingErasures erasures;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;


    @BeforeAll
    static void probe() {
        kafka = TopicProbe.on(Topics.ERASURES);
    }

    @AfterAll
    static void closeProbe() {
        kafka.close();
    }

    @Test
    void anErasedLeadsStoryKeepsWhatHappenedWithoutThePersonAndItsErasureIsFollowedToTheEnd() {
        LeadReceived lead = lead();
        LeadAssigned assigned = new LeadAssigned(lead.leadId(), UUID.randomUUID(), UUID.randomUUID(), "Forgetful Data", 1,
                Score.of(List.of(new ScoreComponent("speciality", 60, "offers mysql"))), List.of(), List.of(), lead.brief(),
                lead.receivedAt().plusMillis(20), lead.receivedAt().plus(Duration.ofHours(4)));
        kafka.publish(lead);
        kafka.publish(assigned);
        kafka.publish(new LeadAccepted(lead.leadId(), assigned.assignmentId(), assigned.partnerId(), lead.receivedAt().plusSeconds(60),
                lead.personal()));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> stories.find(lead.leadId()).map(story -> story.state() == LeadState.ACCEPTED).orElse(false));
        ConsoleBrowser operator = ConsoleBrowser.signIn(base(), "operator", "local-operator-password");
        // the control: the story held the person before, sealed as it travels, and the page opened it with the lead's key
        assertThat(storedStory(lead.leadId())).contains(lead.personal().ciphertext()).doesNotContain(EMAIL, NAME, WORDS);
        assertThat(operator.get("/leads/" + lead.leadId()).body()).contains(EMAIL, NAME, WORDS);
        LeadKeyServer.shared().unavailable(true); // lead-intake down: the page says so, and still tells the story
        try {
            assertThat(operator.get("/leads/" + lead.leadId()).body()).contains("id=\"lead-contact-unavailable\"", "Forgetful Data")
                    .doesNotContain(EMAIL, NAME);
        } finally {
            LeadKeyServer.shared().unavailable(false);
        }
        assertThat(operator.get("/leads?email=" + EMAIL).body()).contains("/leads/" + lead.leadId());

        LeadKeyServer.shared().erase(lead.leadId()); // as lead-intake does before it publishes LeadErased: the key is gone
        kafka.publish(new LeadErased(lead.leadId(), Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> stories.find(lead.leadId()).map(story -> story.state() == LeadState.ERASED).orElse(false));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> erasures.find(lead.leadId()).isPresent());

        assertThat(storedStory(lead.leadId())).doesNotContain(EMAIL, NAME, PHONE, WORDS, "Forgetme", lead.personal().ciphertext());
        assertThat(stories.find(lead.leadId()).orElseThrow().events()).hasSize(4); // received, offered, accepted, erased: the story stays
        String page = operator.get("/leads/" + lead.leadId()).body();
        assertThat(page).contains("Forgetful Data", "offers mysql", "none (erased)", "id=\"erasure\"").doesNotContain(EMAIL, NAME, WORDS);
        assertThat(operator.get("/leads?email=" + EMAIL).body()).doesNotContain("/leads/" + lead.leadId());
        assertThat(operator.get("/erasures").body()).contains("data-lead=\"" + lead.leadId() + "\"", "operator-console ✓",
                "lead-router …", "notification-service …");

        kafka.publish(new LeadErasureCompleted(lead.leadId(), "lead-router", "case anonymised", Instant.now()));
        kafka.publish(new LeadErasureCompleted(lead.leadId(), "notification-service", "1 partner(s) asked to delete", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> erasures.find(lead.leadId()).map(erasure -> erasure.done(erasures.properties().services())).orElse(false));
        assertThat(erasures.open()).noneMatch(erasure -> erasure.leadId().equals(lead.leadId()));
        assertThat(operator.get("/erasures").body()).doesNotContain(lead.leadId().toString());
        assertThat(operator.get("/leads/" + lead.leadId()).body()).contains("Done everywhere", "case anonymised", "1 partner(s) asked to delete");
    }

    @Test
    void anErasureNotDoneByItsDeadlineIsShownOverdueAndCounted() {
        UUID leadId = UUID.randomUUID();
        kafka.publish(new LeadErased(leadId, Instant.now().minus(Duration.ofHours(25)))); // the default deadline is 24 h
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> erasures.find(leadId).isPresent());
        kafka.publish(new LeadErasureCompleted(leadId, "lead-router", "case anonymised", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> erasures.find(leadId).map(erasure -> erasure.reports().containsKey("lead-router")).orElse(false));

        erasures.counting().runOnce();

        assertThat(meters.get("leadrelay.console.erasures.overdue").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("leadrelay.console.erasures.open").gauge().value()).isGreaterThanOrEqualTo(1);
        ConsoleBrowser viewer = ConsoleBrowser.signIn(base(), "viewer", "local-viewer-password");
        String page = viewer.get("/erasures").body();
        assertThat(page).contains("id=\"erasures-overdue\"", "data-lead=\"" + leadId + "\"");
        assertThat(page.substring(page.indexOf("data-lead=\"" + leadId + "\""))).contains("overdue", "lead-router ✓", "notification-service …");
    }

    private String storedStory(UUID leadId) {
        return mongo.findById(leadId, Document.class, "leads").toJson();
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static LeadReceived lead() {
        UUID leadId = UUID.randomUUID();
        return new LeadReceived(leadId, LeadKeyServer.seal(leadId, new Contact(NAME, EMAIL, PHONE, "Forgetme Bakery"), WORDS),
                new Need(List.of("mysql"), List.of("support"), null), new Location("FR", null, "Nantes", null, null), "fr", 12,
                new Consent("partner-contact-v1", Instant.now()), "website-form", Instant.now());
    }
}
