package org.leadrelay.notification.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.notification.delivery.OfferDeliveryIT.part;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.keyed;
import static org.leadrelay.testing.TopicProbe.ofType;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Channel;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadDeclined;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.NotificationEvent;
import org.leadrelay.events.NotificationFailed;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.notification.partners.PartnerContacts;
import org.leadrelay.notification.support.Endpoints;
import org.leadrelay.notification.support.Fixtures;
import org.leadrelay.notification.support.RunningService;
import org.leadrelay.notification.support.Smtp;
import org.leadrelay.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** After the offer: the partner that accepts gets the customer's contact, a partner whose offer is over is told it moved on. */
class PartnerLifecycleIT extends RunningService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TopicProbe kafka;

    @Autowired
    PartnerContacts contacts;

    @Autowired
    DeliveryLog log;

    @BeforeAll
    static void watch() {
        kafka = TopicProbe.on(Topics.NOTIFICATIONS);
    }

    @AfterAll
    static void stopWatching() {
        kafka.close();
    }

    @Test
    void theAcceptingPartnerAloneGetsTheCustomersContactDetails() throws Exception {
        PartnerUpserted first = known(Fixtures.partner("first@declined.example", "en", null));
        PartnerUpserted second = known(Fixtures.partner("second@accepts.example", "fr", Endpoints.url("/lifecycle/accepts")));
        LeadReceived lead = Fixtures.lead();
        LeadAssigned offered = Fixtures.assigned(lead, first.partnerId(), Instant.now(), Duration.ofHours(4));
        kafka.publish(offered);
        Smtp.awaitTo("first@declined.example", 1);
        kafka.publish(new LeadDeclined(lead.leadId(), offered.assignmentId(), first.partnerId(), "too busy", Instant.now()));
        LeadReassigned reassigned = Fixtures.reassigned(lead, second.partnerId(), first.partnerId(), "declined");
        kafka.publish(reassigned);
        Smtp.awaitTo("second@accepts.example", 1);

        kafka.publish(new LeadAccepted(lead.leadId(), reassigned.assignmentId(), second.partnerId(), Instant.now(), lead.personal()));

        MimeMessage acceptance = Smtp.awaitTo("second@accepts.example", 2).get(1);
        assertThat(acceptance.getSubject()).isEqualTo("Demande acceptée : coordonnées pour postgresql, migration à Lyon, FR");
        assertThat(part(acceptance, "text/plain")).contains("- Nom : Camille Martin").contains("- Entreprise : Brasserie du Rhône")
                .contains("- E-mail : camille.martin@example.fr").contains("- Téléphone : +33400000000");
        List<ServeEvent> webhooks = Endpoints.awaitRequests("/lifecycle/accepts", 2);
        JsonNode accepted = JSON.readTree(webhooks.get(1).getRequest().getBodyAsString());
        assertThat(accepted.get("type").asString()).isEqualTo("lead.accepted");
        assertThat(accepted.get("contact").get("email").asString()).isEqualTo("camille.martin@example.fr");
        assertThat(accepted.get("lead").get("city").asString()).isEqualTo("Lyon");
        // the partner that declined was told the lead moved on, never who the customer is
        await().atMost(Duration.ofSeconds(30)).until(() -> Smtp.to("first@declined.example").size() == 2);
        MimeMessage movedOn = Smtp.to("first@declined.example").get(1);
        assertThat(movedOn.getSubject()).isEqualTo("Lead moved on: postgresql, migration in Lyon, FR");
        assertThat(part(movedOn, "text/plain")).contains("Thank you for your answer: it has been offered to another partner.");
        assertThat(Smtp.to("first@declined.example")).allSatisfy(email -> assertThat(part(email, "text/plain"))
                .doesNotContain(Fixtures.CUSTOMER.email()).doesNotContain(Fixtures.CUSTOMER.name()));
        // both are published as what they told, about the offer they concern, and without the customer
        List<ConsumerRecord<String, byte[]>> accepting = awaitDelivered(lead.leadId(), NotificationEvent.ACCEPTANCE, 2);
        assertThat(accepting).extracting(record -> event(record, NotificationDelivered.class))
                .allSatisfy(delivered -> assertThat(delivered).extracting(NotificationDelivered::partnerId,
                        NotificationDelivered::assignmentId).containsExactly(second.partnerId(), reassigned.assignmentId()))
                .extracting(NotificationDelivered::channel).containsExactlyInAnyOrder(Channel.EMAIL, Channel.WEBHOOK);
        NotificationDelivered withdrawn = event(awaitDelivered(lead.leadId(), NotificationEvent.WITHDRAWAL, 1).get(0),
                NotificationDelivered.class);
        assertThat(withdrawn).extracting(NotificationDelivered::partnerId, NotificationDelivered::assignmentId,
                NotificationDelivered::channel).containsExactly(first.partnerId(), offered.assignmentId(), Channel.EMAIL);
        assertThat(accepting).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .allSatisfy(json -> assertThat(json).doesNotContain(Fixtures.CUSTOMER.email()).doesNotContain(Fixtures.CUSTOMER.name())
                        .doesNotContain(Fixtures.CUSTOMER.phone()));
        // and the delivery log shows targets, never the customer
        assertThat(log.ofLead(lead.leadId())).extracting(DeliveryLog.Entry::target).doesNotContain(Fixtures.CUSTOMER.email())
                .allSatisfy(target -> assertThat(target).matches("partner:.*|http://127\\.0\\.0\\.1:\\d+"));
    }

    @Test
    void aPartnerWhoseDeadlinePassedIsToldTheLeadMovedOnAndItsPendingOfferStops() throws Exception {
        Endpoints.server().stubFor(post(urlEqualTo("/lifecycle/silent")).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "3600")));
        PartnerUpserted silent = known(Fixtures.partner("silent@expired.example", "en", Endpoints.url("/lifecycle/silent")));
        LeadAssigned offered = Fixtures.assigned(silent.partnerId());
        kafka.publish(offered);
        NotificationFailed failing = event(kafka.awaitRecord(keyed(offered.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED))),
                NotificationFailed.class);
        assertThat(failing.retrying()).isTrue();
        Endpoints.server().stubFor(post(urlEqualTo("/lifecycle/silent")).willReturn(aResponse().withStatus(204)));

        kafka.publish(Fixtures.expired(offered));

        MimeMessage movedOn = Smtp.awaitTo("silent@expired.example", 2).get(1);
        assertThat(movedOn.getSubject()).isEqualTo("Lead moved on: postgresql, migration in Lyon, FR");
        assertThat(part(movedOn, "text/plain")).contains("Its answer deadline passed without an answer");
        JsonNode withdrawn = JSON.readTree(Endpoints.awaitRequests("/lifecycle/silent", 2).get(1).getRequest().getBodyAsString());
        assertThat(withdrawn.get("type").asString()).isEqualTo("lead.withdrawn");
        assertThat(withdrawn.get("reason").asString()).isEqualTo("expired");
        List<ConsumerRecord<String, byte[]>> toldMovedOn = awaitDelivered(offered.leadId(), NotificationEvent.WITHDRAWAL, 2);
        assertThat(toldMovedOn).extracting(record -> event(record, NotificationDelivered.class))
                .allSatisfy(delivered -> assertThat(delivered).extracting(NotificationDelivered::partnerId,
                        NotificationDelivered::assignmentId).containsExactly(silent.partnerId(), offered.assignmentId()))
                .extracting(NotificationDelivered::channel).containsExactlyInAnyOrder(Channel.EMAIL, Channel.WEBHOOK);
        NotificationFailed stopped = event(kafka.awaitRecords(keyed(offered.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED))
                .and(record -> event(record, NotificationFailed.class).message().equals(NotificationEvent.OFFER)), 2).get(1),
                NotificationFailed.class);
        assertThat(stopped.retrying()).isFalse();
        assertThat(stopped.reason()).isEqualTo("cancelled: the lead moved on");
        String offerWebhook = offered.assignmentId() + ":offer:WEBHOOK";
        assertThat(log.find(offerWebhook)).get().extracting(DeliveryLog.Entry::state).isEqualTo(DeliveryState.CANCELLED);
        assertThat(Endpoints.requests("/lifecycle/silent")).hasSize(2);
    }

    @Test
    void anOperatorsAssignmentOfALeadNobodyHadTellsOnlyTheNewPartner() throws Exception {
        PartnerUpserted chosen = known(Fixtures.partner("chosen@operator.example", "en", null));
        LeadReceived lead = Fixtures.lead();

        kafka.publish(Fixtures.reassigned(lead, chosen.partnerId(), null, "operator: nobody covered the region"));

        MimeMessage offer = Smtp.awaitTo("chosen@operator.example", 1).get(0);
        assertThat(part(offer, "text/plain")).contains("A lead has been passed on to you: a customer in Lyon, France");
        assertThat(log.ofLead(lead.leadId())).extracting(DeliveryLog.Entry::kind).containsOnly(DeliveryKind.OFFER);
    }

    private static List<ConsumerRecord<String, byte[]>> awaitDelivered(UUID leadId, String message, int count) {
        return kafka.awaitRecords(keyed(leadId).and(ofType(EventTypes.NOTIFICATION_DELIVERED))
                .and(record -> event(record, NotificationDelivered.class).message().equals(message)), count);
    }

    private PartnerUpserted known(PartnerUpserted partner) {
        kafka.publish(partner);
        await().atMost(Duration.ofSeconds(30)).until(() -> contacts.find(partner.partnerId()).isPresent());
        return partner;
    }
}
