package org.leadrelay.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.leadrelay.console.leads.LeadState;
import org.leadrelay.console.leads.LeadStories;
import org.leadrelay.console.partners.PartnerStatistics;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.LeadAssigned;
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
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two console instances on one database share the topics through their consumer groups: every
 * lead's story holds each of its events once, and what the listeners count (here a partner's
 * offers) is counted once, whichever instance recorded each event, the offer sometimes before the
 * lead.
 */
@WithInfrastructure
class ConsoleInstancesIT {

    private static final int LEADS = 40;

    @Test
    void two_instances_record_each_event_once_and_count_it_once() {
        // a generation of its own: fresh consumer groups that both instances join
        String generation = "instances" + ThreadLocalRandom.current().nextInt(1_000_000);
        String database = "operator-console-" + generation;
        List<ConfigurableApplicationContext> instances = List.of(instance(generation, database), instance(generation, database));
        try (TopicProbe kafka = TopicProbe.on(Topics.ASSIGNMENTS)) {
            UUID partner = UUID.randomUUID();
            List<UUID> leads = new ArrayList<>();
            for (int i = 0; i < LEADS; i++) {
                UUID leadId = UUID.randomUUID();
                LeadReceived lead = new LeadReceived(leadId, LeadKeyServer.seal(leadId, new Contact("Instances Person", "instances-" + i + "@example.org", null, null), null),
                        new Need(List.of("postgresql"), List.of("migration"), null), new Location("FR", null, "Lyon", null, null),
                        "fr", 40, new Consent("partner-contact-v1", Instant.now()), "website-form", Instant.now());
                Instant assignedAt = lead.receivedAt().plusMillis(30);
                EventEnvelope<LeadAssigned> offer = EventEnvelope.of(UUID.randomUUID(), "/leadrelay/tests", assignedAt,
                        new LeadAssigned(lead.leadId(), UUID.randomUUID(), partner, "Shared Partner", 1,
                                Score.of(List.of(new ScoreComponent("speciality", 60, "offers postgresql"))), List.of(), List.of(), lead.brief(),
                                assignedAt, assignedAt.plus(Duration.ofHours(4))));
                EventEnvelope<LeadReceived> received = EventEnvelope.of(UUID.randomUUID(), "/leadrelay/tests", lead.receivedAt(), lead);
                if (i % 2 == 0) {
                    kafka.publish(offer); // another topic, another group: the offer may come first
                    kafka.publish(received);
                } else {
                    kafka.publish(received);
                    kafka.publish(offer);
                }
                kafka.publish(offer); // and a redelivery
                leads.add(lead.leadId());
            }

            LeadStories stories = instances.get(0).getBean(LeadStories.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> stories.findAll(leads).stream()
                    .filter(story -> story.events().size() == 2 && story.receivedAt() != null).count() == LEADS);
            assertThat(stories.findAll(leads)).allSatisfy(story -> {
                assertThat(story.state()).isEqualTo(LeadState.OFFERED);
                assertThat(story.events()).extracting(event -> event.type()).containsExactly("org.leadrelay.lead.received.v2",
                        "org.leadrelay.lead.assigned.v1");
            });
            PartnerStatistics statistics = instances.get(1).getBean(PartnerStatistics.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statistics.of(List.of(partner)).get(partner).offers())
                    .as("each offer counted once").isEqualTo(LEADS));
            assertThat(statistics.of(List.of(partner)).get(partner).open()).isEqualTo(LEADS);
        } finally {
            instances.forEach(ConfigurableApplicationContext::close);
        }
    }

    @Test
    void a_browser_signed_in_at_one_instance_is_signed_in_at_the_other_and_signing_out_ends_it_at_both() {
        String generation = "sessions" + ThreadLocalRandom.current().nextInt(1_000_000);
        String database = "operator-console-" + generation;
        List<ConfigurableApplicationContext> instances = List.of(instance(generation, database), instance(generation, database));
        try {
            List<URI> bases = instances.stream()
                    .map(instance -> URI.create("http://127.0.0.1:" + instance.getEnvironment().getProperty("local.server.port"))).toList();
            ConsoleBrowser atFirst = ConsoleBrowser.signIn(bases.get(0), "operator", "local-operator-password");
            ConsoleBrowser atSecond = atFirst.at(bases.get(1));

            HttpResponse<String> home = atSecond.get("/");
            assertThat(home.uri().getPath()).as("not sent to sign in").isEqualTo("/");
            assertThat(home.body()).contains(">operator<");
            // a form of the second instance's page, with the session's CSRF token
            HttpResponse<String> signedOut = atSecond.postForm("/", "/signout", "");
            assertThat(signedOut.uri().getPath()).isEqualTo("/signin");

            assertThat(atFirst.get("/").uri().getPath()).as("signed out at the first instance too").isEqualTo("/signin");
        } finally {
            instances.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static ConfigurableApplicationContext instance(String generation, String database) {
        return ConsoleApplication.application().run("--server.port=0", "--spring.mongodb.database=" + database,
                "--leadrelay.console.generation=" + generation);
    }
}
