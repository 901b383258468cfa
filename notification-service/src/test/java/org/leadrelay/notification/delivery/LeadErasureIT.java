package org.leadrelay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.keyed;
import static org.leadrelay.testing.TopicProbe.ofType;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.standardwebhooks.Webhook;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadErased;
import org.leadrelay.events.LeadErasureCompleted;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.NotificationEvent;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.events.WebhookSecrets;
import org.leadrelay.notification.support.Endpoints;
import org.leadrelay.notification.support.Fixtures;
import org.leadrelay.notification.support.RunningService;
import org.leadrelay.notification.support.Smtp;
import org.leadrelay.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erasure at notification-service, through the broker, the database, SMTP and HTTP: every partner
 * told of an erased lead is asked to delete the person's data (a signed {@code lead.erased}
 * webhook and an email, tracked as deliveries), nothing of the lead is sent afterwards, and the
 * erasure is reported with {@code LeadErasureCompleted}.
 */
class LeadErasureIT extends RunningService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TopicProbe kafka;

    @Autowired
    WebhookSecrets secrets;

    @Autowired
    OfferedLeads offers;

    @Autowired
    ErasedLeads erased;

    @BeforeAll
    static void watch() {
        kafka = TopicProbe.on(Topics.NOTIFICATIONS, Topics.ERASURES);
    }

    @AfterAll
    static void stopWatching() {
        kafka.close();
    }

    @Test
    void everyPartnerToldOfTheLeadIsAskedToDeleteItAndTheAcceptingOneIsToldItHadTheContact() throws Exception {
        PartnerUpserted first = known(Fixtures.partner("declined@erasure-first.example", "en", Endpoints.url("/erasure/first")));
        PartnerUpserted second = known(Fixtures.partner("accepted@erasure-second.example", "fr", Endpoints.url("/erasure/second")));
        LeadReceived lead = Fixtures.lead();
        LeadAssigned offered = Fixtures.assigned(lead, first.partnerId(), Instant.now(), Duration.ofHours(4));
        kafka.publish(offered);
        Smtp.awaitTo("declined@erasure-first.example", 1);
        LeadReassigned reassigned = Fixtures.reassigned(lead, second.partnerId(), first.partnerId(), "declined");
        kafka.publish(reassigned);
        Smtp.awaitTo("accepted@erasure-second.example", 1);
        LeadAccepted accepted = new LeadAccepted(lead.leadId(), reassigned.assignmentId(), second.partnerId(), Instant.now(), lead.personal());
        kafka.publish(accepted);
        Smtp.awaitTo("accepted@erasure-second.example", 2);
        Endpoints.awaitRequests("/erasure/second", 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered(lead.leadId(), NotificationEvent.ACCEPTANCE).size() == 2);

        Instant erasedAt = Instant.now();
        kafka.publish(new LeadErased(lead.leadId(), erasedAt));
        LeadErasureCompleted report = event(kafka.awaitRecord(keyed(lead.leadId()).and(ofType(EventTypes.LEAD_ERASURE_COMPLETED))),
                LeadErasureCompleted.class);

        assertThat(report.service()).isEqualTo("notification-service");
        assertThat(report.summary()).contains("2 partner(s) asked to delete").doesNotContain(Fixtures.CUSTOMER.email(), Fixtures.CUSTOMER.name());
        // the webhooks: signed as any other, naming the offers each partner had, no personal data
        JsonNode toFirst = erasedWebhook(first, "/erasure/first");
        JsonNode toSecond = erasedWebhook(second, "/erasure/second");
        assertThat(toFirst.get("accepted").asBoolean()).isFalse();
        assertThat(toFirst.get("assignmentIds")).extracting(JsonNode::asString).containsExactly(offered.assignmentId().toString());
        assertThat(toSecond.get("accepted").asBoolean()).isTrue();
        assertThat(toSecond.get("assignmentIds")).extracting(JsonNode::asString).containsExactly(reassigned.assignmentId().toString());
        assertThat(Instant.parse(toSecond.get("timestamp").asString())).isCloseTo(erasedAt, within(1, ChronoUnit.MILLIS));
        // the emails, in each contact's language
        MimeMessage english = erasureEmail("declined@erasure-first.example"); // after the offer and its withdrawal
        assertThat(english.getSubject()).startsWith("Please delete a customer's data: lead " + lead.leadId().toString().substring(0, 8));
        assertThat(OfferDeliveryIT.part(english, "text/plain")).contains("has asked for their personal data to be erased")
                .doesNotContain("You accepted this lead").contains("Assignment: " + offered.assignmentId());
        MimeMessage french = erasureEmail("accepted@erasure-second.example"); // after the offer and the contact
        assertThat(french.getSubject()).startsWith("Merci d'effacer les données d'un client");
        assertThat(OfferDeliveryIT.part(french, "text/plain")).contains("Vous avez accepté cette demande et reçu les coordonnées du client")
                .doesNotContain(Fixtures.CUSTOMER.email(), Fixtures.CUSTOMER.name(), "Move 3 Oracle schemas");
        // tracked like an offer: each delivery published as the erasure message of its lead
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered(lead.leadId(), NotificationEvent.ERASURE).size() == 4);
        // what the partners were offered (the customer's words) is forgotten; the erasure is recorded, done
        assertThat(offers.find(lead.leadId(), first.partnerId())).isEmpty();
        assertThat(offers.find(lead.leadId(), second.partnerId())).isEmpty();
        assertThat(erased.find(lead.leadId())).hasValueSatisfying(record -> assertThat(record.doneAt()).isNotNull());

        // a late copy of the acceptance sends nothing of the customer again; erasing again asks no one twice
        kafka.publish(new LeadAccepted(lead.leadId(), reassigned.assignmentId(), second.partnerId(), Instant.now(), lead.personal()));
        kafka.publish(new LeadErased(lead.leadId(), erasedAt));
        kafka.awaitRecords(keyed(lead.leadId()).and(ofType(EventTypes.LEAD_ERASURE_COMPLETED)), 2);
        assertThat(kafka.recordsAfter(Duration.ofSeconds(2), keyed(lead.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED))))
                .extracting(record -> event(record, NotificationDelivered.class).message())
                .filteredOn(NotificationEvent.ERASURE::equals).hasSize(4);
        assertThat(delivered(lead.leadId(), NotificationEvent.ACCEPTANCE)).hasSize(2);
        assertThat(Smtp.to("accepted@erasure-second.example")).hasSize(3); // the offer, the contact, the request to erase
    }

    @Test
    void anOfferReadAfterTheLeadsErasureIsNotSent() {
        PartnerUpserted partner = known(Fixtures.partner("late@erasure-late.example", "en", Endpoints.url("/erasure/late")));
        LeadReceived lead = Fixtures.lead();

        kafka.publish(new LeadErased(lead.leadId(), Instant.now()));
        LeadErasureCompleted report = event(kafka.awaitRecord(keyed(lead.leadId()).and(ofType(EventTypes.LEAD_ERASURE_COMPLETED))),
                LeadErasureCompleted.class);
        kafka.publish(Fixtures.assigned(lead, partner.partnerId(), Instant.now(), Duration.ofHours(4)));

        assertThat(report.summary()).startsWith("0 pending deliveries stopped; 0 partner(s) asked");
        assertThat(kafka.recordsAfter(Duration.ofSeconds(3), keyed(lead.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED)))).isEmpty();
        assertThat(Smtp.to("late@erasure-late.example")).isEmpty();
        assertThat(Endpoints.requests("/erasure/late")).isEmpty();
    }

    private static MimeMessage erasureEmail(String address) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> Smtp.to(address).stream().filter(LeadErasureIT::asksToErase).toList(),
                found -> found.size() == 1).get(0);
    }

    private static boolean asksToErase(MimeMessage message) {
        try {
            return message.getSubject().startsWith("Please delete") || message.getSubject().startsWith("Merci d'effacer");
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode erasedWebhook(PartnerUpserted partner, String path) throws Exception {
        ServeEvent request = await().atMost(Duration.ofSeconds(30)).until(() -> Endpoints.requests(path).stream()
                .filter(event -> event.getRequest().getBodyAsString().contains("\"lead.erased\"")).findFirst(), found -> found.isPresent())
                .orElseThrow();
        new Webhook(secrets.secret(partner.partnerId(), 1)).verify(request.getRequest().getBodyAsString(), OfferDeliveryIT.headers(request));
        assertThat(request.getRequest().getBodyAsString()).doesNotContain(Fixtures.CUSTOMER.email(), Fixtures.CUSTOMER.name(),
                "Move 3 Oracle schemas");
        JsonNode payload = JSON.readTree(request.getRequest().getBodyAsString());
        assertThat(payload.get("type").asString()).isEqualTo("lead.erased");
        assertThat(payload.get("partnerId").asString()).isEqualTo(partner.partnerId().toString());
        return payload;
    }

    private List<NotificationDelivered> delivered(UUID leadId, String message) {
        return kafka.recordsAfter(Duration.ofMillis(200), keyed(leadId).and(ofType(EventTypes.NOTIFICATION_DELIVERED))).stream()
                .map(record -> event(record, NotificationDelivered.class)).filter(delivered -> message.equals(delivered.message())).toList();
    }

    private PartnerUpserted known(PartnerUpserted partner) {
        kafka.publish(partner);
        await().atMost(Duration.ofSeconds(30)).until(() -> partnerCopies.find(partner.partnerId()).isPresent());
        return partner;
    }
}
