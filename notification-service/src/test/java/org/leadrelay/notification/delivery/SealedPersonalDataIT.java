package org.leadrelay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.notification.delivery.OfferDeliveryIT.part;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.notification.support.Endpoints;
import org.leadrelay.notification.support.Fixtures;
import org.leadrelay.notification.support.RunningService;
import org.leadrelay.notification.support.Smtp;
import org.leadrelay.testing.LeadKeyServer;
import org.leadrelay.testing.TopicProbe;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lead's personal data arrives sealed (ADR 0012) and is opened here with the key lead-intake
 * gives, over HTTP with this service's key reader account: the customer's words for an offer, the
 * contact for the partner that accepted. While lead-intake does not answer, the record waits; once
 * the lead's key is gone, the message goes without the person.
 */
class SealedPersonalDataIT extends RunningService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TopicProbe kafka;

    @BeforeAll
    static void watch() {
        kafka = TopicProbe.on(Topics.NOTIFICATIONS);
    }

    @AfterAll
    static void stopWatching() {
        kafka.close();
    }

    @AfterEach
    void intakeAnswersAgain() {
        LeadKeyServer.shared().unavailable(false);
    }

    @Test
    void anOfferCarriesTheCustomersWordsOpenedWithTheLeadsKeyAndNeverTheSealedData() throws Exception {
        PartnerUpserted partner = known(kafka, Fixtures.partner("words@sealed.example", "en", Endpoints.url("/sealed/words")));
        LeadReceived lead = Fixtures.lead();
        int reads = LeadKeyServer.shared().reads();

        kafka.publish(Fixtures.assigned(lead, partner.partnerId(), Instant.now(), Duration.ofHours(4)));

        MimeMessage offer = Smtp.awaitTo("words@sealed.example", 1).get(0);
        assertThat(part(offer, "text/plain")).contains(Fixtures.WORDS).doesNotContain(Fixtures.CUSTOMER.email());
        ServeEvent webhook = Endpoints.awaitRequests("/sealed/words", 1).get(0);
        JsonNode payload = JSON.readTree(webhook.getRequest().getBodyAsString());
        assertThat(payload.get("lead").get("need").get("description").asString()).isEqualTo(Fixtures.WORDS);
        assertThat(webhook.getRequest().getBodyAsString()).doesNotContain(lead.personal().ciphertext(), "\"personal\"",
                Fixtures.CUSTOMER.email());
        assertThat(LeadKeyServer.shared().reads()).as("the key was asked of lead-intake").isGreaterThan(reads);
    }

    @Test
    void anAcceptanceWaitsWhileLeadIntakeDoesNotAnswerThenGivesTheContact() throws Exception {
        PartnerUpserted partner = known(kafka, Fixtures.partner("waits@sealed.example", "en", null));
        LeadReceived lead = Fixtures.lead();
        LeadAssigned offered = Fixtures.assigned(lead, partner.partnerId(), Instant.now(), Duration.ofHours(4));
        kafka.publish(offered);
        Smtp.awaitTo("waits@sealed.example", 1);
        double waiting = metric("leadrelay_consumer_failures_total", "failure=\"unavailable\"");
        LeadKeyServer.shared().unavailable(true);

        kafka.publish(Fixtures.accepted(offered));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> metric("leadrelay_consumer_failures_total", "failure=\"unavailable\"") > waiting);
        assertThat(Smtp.to("waits@sealed.example")).as("nothing sent while the contact cannot be opened").hasSize(1);
        LeadKeyServer.shared().unavailable(false);
        MimeMessage acceptance = Smtp.awaitTo("waits@sealed.example", 2).get(1);
        assertThat(part(acceptance, "text/plain")).contains(Fixtures.CUSTOMER.email(), Fixtures.CUSTOMER.name(), Fixtures.CUSTOMER.phone());
    }

    @Test
    void anAcceptanceOfALeadWhoseKeyIsGoneGoesWithoutThePerson() throws Exception {
        PartnerUpserted partner = known(kafka, Fixtures.partner("gone@sealed.example", "en", Endpoints.url("/sealed/gone")));
        LeadReceived lead = Fixtures.lead();
        LeadAssigned offered = Fixtures.assigned(lead, partner.partnerId(), Instant.now(), Duration.ofHours(4));
        kafka.publish(offered);
        Smtp.awaitTo("gone@sealed.example", 1);
        LeadKeyServer.shared().erase(lead.leadId()); // erased at lead-intake; its LeadErased not read here yet

        kafka.publish(new LeadAccepted(lead.leadId(), offered.assignmentId(), partner.partnerId(), Instant.now(), lead.personal()));

        MimeMessage acceptance = Smtp.awaitTo("gone@sealed.example", 2).get(1);
        assertThat(part(acceptance, "text/plain")).doesNotContain(Fixtures.CUSTOMER.email(), Fixtures.CUSTOMER.name(), Fixtures.WORDS);
        List<ServeEvent> webhooks = Endpoints.awaitRequests("/sealed/gone", 2);
        JsonNode accepted = JSON.readTree(webhooks.get(1).getRequest().getBodyAsString());
        assertThat(accepted.get("type").asString()).isEqualTo("lead.accepted");
        assertThat(accepted.has("contact")).isFalse();
    }
}
