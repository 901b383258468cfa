package org.leadrelay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.leadrelay.console.leads.LeadState;
import org.leadrelay.console.leads.LeadStories;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.LeadUnroutable;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.events.Topics;
import org.leadrelay.testing.LeadKeyServer;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.context.ConfigurableApplicationContext;

/** The read model is rebuilt from the topics by a console of a new generation on an empty database. */
@WithInfrastructure
class RebuildIT {

    @Test
    void a_new_generation_reads_every_topic_from_its_beginning_into_an_empty_database() {
        UUID leadId = UUID.randomUUID();
        LeadReceived lead = new LeadReceived(leadId, LeadKeyServer.seal(leadId, new Contact("Rebuilt Person", "rebuilt@example.org", null, null), null),
                new Need(List.of("kafka"), List.of("support"), null), new Location("BE", null, "Gent", null, null), "nl", 8,
                new Consent("partner-contact-v1", Instant.now()), "website-form", Instant.now());
        String first = UUID.randomUUID().toString().substring(0, 8);
        try (ConfigurableApplicationContext console = start(first); TopicProbe kafka = TopicProbe.on(Topics.LEADS_RECEIVED)) {
            kafka.publish(lead);
            kafka.publish(new LeadUnroutable(lead.leadId(), "no partner covers BE", List.of(), Instant.now(), null, 1));
            awaitStory(console.getBean(LeadStories.class), lead.leadId());
        }
        // a new generation on an empty database, after the events were read and committed by the first
        try (ConfigurableApplicationContext rebuilt = start(UUID.randomUUID().toString().substring(0, 8))) {
            LeadStories stories = rebuilt.getBean(LeadStories.class);
            awaitStory(stories, lead.leadId());
            assertThat(stories.find(lead.leadId()).orElseThrow().state()).isEqualTo(LeadState.UNROUTABLE);
        }
    }

    private static ConfigurableApplicationContext start(String generation) {
        return ConsoleApplication.application().run("--server.port=0", "--leadrelay.console.generation=rebuild-" + generation,
                "--spring.mongodb.database=console-rebuild-" + generation);
    }

    private static void awaitStory(LeadStories stories, UUID leadId) {
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> stories.find(leadId).map(story -> story.events().size() == 2).orElse(false));
    }
}
