package org.leadrelay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.header;
import static org.leadrelay.testing.TopicProbe.keyed;
import static org.leadrelay.testing.TopicProbe.ofType;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.AnswerTokens;
import org.leadrelay.events.Channel;
import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.NotificationContact;
import org.leadrelay.events.NotificationFailed;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Score;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.events.SigningKey;
import org.leadrelay.events.Topics;
import org.leadrelay.events.WebhookSecrets;
import org.leadrelay.notification.NotificationServiceApplication;
import org.leadrelay.notification.partners.PartnerContacts;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WebhookReceiver;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@WithInfrastructure
@SpringBootTest(classes = NotificationServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.config.name=" + NotificationServiceApplication.CONFIG_NAME,
                "leadrelay.webhooks.allowed-hosts=127.0.0.1"})
class NotificationServiceIT {

    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private static WebhookReceiver partnerEndpoint;
    private static TopicProbe kafka;

    @Autowired
    WebhookSecrets secrets;

    @Autowired
    AnswerTokens answerTokens;

    @Autowired
    PartnerContacts contacts;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        if (!SMTP.isRunning()) {
            SMTP.start();
        }
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @BeforeAll
    static void start() {
        partnerEndpoint = WebhookReceiver.start();
        kafka = TopicProbe.on(Topics.NOTIFICATIONS, Topics.deadLetterOf(Topics.ASSIGNMENTS), Topics.deadLetterOf(Topics.PARTNERS));
    }

    @AfterAll
    static void stop() {
        kafka.close();
        partnerEndpoint.close();
        SMTP.stop();
    }

    @Test
    void emailsAndSignsAWebhookToTheAssignedPartner() throws Exception {
        PartnerUpserted partner = partner("leads@lyon-oss.example", partnerEndpoint.url("/lyon"));
        kafka.publish(partner);
        LeadAssigned assigned = assigned(partner.partnerId());

        kafka.publish(assigned);

        MimeMessage email = awaitEmailTo("leads@lyon-oss.example", 1).get(0);
        assertThat(email.getSubject()).isEqualTo("New lead: postgresql, migration in Lyon, FR");
        String body = GreenMailUtil.getBody(email);
        assertThat(body).contains("score 90").contains(assigned.leadId().toString()).doesNotContain("camille@example.fr");
        String link = body.substring(body.indexOf("Accept or decline: ") + "Accept or decline: ".length()).lines().findFirst().orElseThrow();
        assertThat(link).startsWith("http://127.0.0.1:8083/answers/");
        AnswerTokens.Claims claims = answerTokens.verify(link.substring(link.lastIndexOf('/') + 1), Instant.now());
        assertThat(claims).isEqualTo(new AnswerTokens.Claims(assigned.leadId(), assigned.assignmentId(), partner.partnerId(),
                assigned.respondBy().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));

        WebhookReceiver.Received webhook = partnerEndpoint.await(request -> request.path().equals("/lyon"));
        new Webhook(secrets.secret(partner.partnerId(), 1)).verify(webhook.body(), webhook.headers());
        assertThat(webhook.body()).contains(assigned.leadId().toString()).contains("\"total\":90.0").contains("\"type\":\"lead.offered\"")
                .contains("\"answerUrl\":\"http://127.0.0.1:8083/api/answers/");

        var delivered = kafka.awaitRecords(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED)), 2);
        assertThat(delivered).extracting(record -> event(record, NotificationDelivered.class).channel())
                .containsExactlyInAnyOrder(Channel.EMAIL, Channel.WEBHOOK);
    }

    @Test
    void theSameAssignmentTwiceSendsOneEmailAndOneWebhook() {
        PartnerUpserted partner = partner("twice@partner.example", partnerEndpoint.url("/twice"));
        kafka.publish(partner);
        EventEnvelope<LeadAssigned> envelope = EventEnvelope.of(UUID.randomUUID(), "/leadrelay/lead-router", Instant.now(),
                assigned(partner.partnerId()));

        kafka.publish(envelope);
        kafka.publish(envelope);

        kafka.awaitRecords(keyed(envelope.data().leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED)), 2);
        assertThat(kafka.recordsAfter(Duration.ofSeconds(2), keyed(envelope.data().leadId()))).hasSize(2);
        assertThat(emailsTo("twice@partner.example")).hasSize(1);
        assertThat(partnerEndpoint.received(request -> request.path().equals("/twice"))).hasSize(1);
    }

    @Test
    void aFailingWebhookIsReportedWhileTheEmailStillGoesOut() {
        partnerEndpoint.answer("/broken", 500);
        PartnerUpserted partner = partner("broken-hook@partner.example", partnerEndpoint.url("/broken"));
        kafka.publish(partner);
        LeadAssigned assigned = assigned(partner.partnerId());

        kafka.publish(assigned);

        NotificationFailed failed = event(kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED))),
                NotificationFailed.class);
        assertThat(failed.channel()).isEqualTo(Channel.WEBHOOK);
        assertThat(failed.reason()).isEqualTo("webhook: HTTP 500");
        assertThat(awaitEmailTo("broken-hook@partner.example", 1)).hasSize(1);
    }

    @Test
    void refusesToCallAWebhookInAPrivateNetwork() {
        PartnerUpserted partner = partner("private@partner.example", URI.create("https://10.0.0.7/hooks"));
        kafka.publish(partner);
        LeadAssigned assigned = assigned(partner.partnerId());

        kafka.publish(assigned);

        NotificationFailed failed = event(kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED))),
                NotificationFailed.class);
        assertThat(failed.reason()).startsWith("webhook URL refused");
    }

    @Test
    void aMalformedAssignmentGoesToTheDeadLetterTopic() {
        String key = UUID.randomUUID().toString();
        Map<String, byte[]> headers = CloudEventHeaders.toHeaders(UUID.randomUUID(), "org.example.unknown.v1", "/evil", Instant.now());

        kafka.send(Topics.ASSIGNMENTS, key, headers, "{}".getBytes(StandardCharsets.UTF_8));

        var dead = kafka.awaitRecord(keyed(key));
        assertThat(dead.topic()).isEqualTo(Topics.deadLetterOf(Topics.ASSIGNMENTS));
        assertThat(header(dead, "x-exception-message")).contains("unknown event type");
    }

    @Test
    void emailsEveryContactOfThePartnerAndNoWebhookWhenWebhooksAreDisabled() throws Exception {
        PartnerUpserted partner = partner("first@two-contacts.example", partnerEndpoint.url("/disabled"),
                List.of(new NotificationContact("first@two-contacts.example", "fr"), new NotificationContact("second@two-contacts.example", "en")),
                false, null);
        kafka.publish(partner);
        LeadAssigned assigned = assigned(partner.partnerId());

        kafka.publish(assigned);

        MimeMessage email = awaitEmailTo("first@two-contacts.example", 1).get(0);
        assertThat(email.getAllRecipients()).extracting(Object::toString)
                .containsExactlyInAnyOrder("first@two-contacts.example", "second@two-contacts.example");
        // GreenMail keeps one copy per recipient's mailbox: one message, two mailboxes
        assertThat(SMTP.getReceivedMessagesForDomain("two-contacts.example")).hasSize(2);
        kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED)));
        assertThat(kafka.recordsAfter(Duration.ofSeconds(1), keyed(assigned.leadId())))
                .extracting(record -> event(record, NotificationDelivered.class).channel()).containsExactly(Channel.EMAIL);
        assertThat(partnerEndpoint.received(request -> request.path().equals("/disabled"))).isEmpty();
    }

    @Test
    void duringASecretRotationReceiversHoldingTheOldOrTheNewSecretBothVerify() throws Exception {
        PartnerUpserted partner = partner("rotating@partner.example", partnerEndpoint.url("/rotating"), null, null,
                List.of(new SigningKey(2, null), new SigningKey(1, Instant.now().plus(Duration.ofHours(1)))));
        kafka.publish(partner);

        kafka.publish(assigned(partner.partnerId()));

        WebhookReceiver.Received webhook = partnerEndpoint.await(request -> request.path().equals("/rotating"));
        assertThat(webhook.header("webhook-signature").split(" ")).hasSize(2).allSatisfy(signature -> assertThat(signature).startsWith("v1,"));
        new Webhook(secrets.secret(partner.partnerId(), 1)).verify(webhook.body(), webhook.headers());
        new Webhook(secrets.secret(partner.partnerId(), 2)).verify(webhook.body(), webhook.headers());
        assertThatThrownBy(() -> new Webhook(secrets.secret(partner.partnerId(), 3)).verify(webhook.body(), webhook.headers()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void afterTheRotationOnlyTheNewSecretVerifies() throws Exception {
        PartnerUpserted partner = partner("rotated@partner.example", partnerEndpoint.url("/rotated"), null, null,
                List.of(new SigningKey(2, null), new SigningKey(1, Instant.now().minus(Duration.ofMinutes(1)))));
        kafka.publish(partner);

        kafka.publish(assigned(partner.partnerId()));

        WebhookReceiver.Received webhook = partnerEndpoint.await(request -> request.path().equals("/rotated"));
        new Webhook(secrets.secret(partner.partnerId(), 2)).verify(webhook.body(), webhook.headers());
        assertThatThrownBy(() -> new Webhook(secrets.secret(partner.partnerId(), 1)).verify(webhook.body(), webhook.headers()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aTombstoneRemovesThePartnerOnceAndIsNotDeadLettered() {
        PartnerUpserted partner = partner("deleted@partner.example", null);
        kafka.publish(partner);
        await().atMost(Duration.ofSeconds(30)).until(() -> contacts.find(partner.partnerId()).isPresent());

        Map<String, byte[]> headers = CloudEventHeaders.toHeaders(UUID.randomUUID(), EventTypes.PARTNER_DELETED,
                "/leadrelay/partner-directory", Instant.now());
        kafka.send(Topics.PARTNERS, partner.key(), headers, null);
        kafka.send(Topics.PARTNERS, partner.key(), headers, null);

        await().atMost(Duration.ofSeconds(30)).until(() -> contacts.find(partner.partnerId()).isEmpty());
        assertThat(kafka.recordsAfter(Duration.ofMillis(500), keyed(partner.key()))).isEmpty();
    }

    private static PartnerUpserted partner(String email, URI webhook, List<NotificationContact> contacts, Boolean webhookEnabled,
            List<SigningKey> signingKeys) {
        return new PartnerUpserted(UUID.randomUUID(), "Lyon Open Source", "GOLD", List.of("FR"), List.of("postgresql"),
                List.of("fr"), 5, email, webhook, true, 1, Instant.now(), "ACTIVE", null, null, null, null, null, null, null,
                null, null, contacts, webhookEnabled, signingKeys, null, null);
    }

    private static PartnerUpserted partner(String email, URI webhook) {
        return new PartnerUpserted(UUID.randomUUID(), "Lyon Open Source", "GOLD", List.of("FR"), List.of("postgresql"),
                List.of("fr"), 5, email, webhook, true, 1, Instant.now());
    }

    private static LeadAssigned assigned(UUID partnerId) {
        LeadReceived lead = new LeadReceived(UUID.randomUUID(), new Contact("Camille", "camille@example.fr", null, null),
                new Need(List.of("postgresql"), List.of("migration"), null, "Move 3 Oracle schemas"),
                new Location("FR", null, "Lyon", null, null), "fr", 120, new Consent("partner-contact-v1", Instant.now()),
                "website-form", Instant.now());
        Instant now = Instant.now();
        return new LeadAssigned(lead.leadId(), UUID.randomUUID(), partnerId, "Lyon Open Source", 1,
                Score.of(List.of(new ScoreComponent("speciality", 60, "covers 2 of 2"), new ScoreComponent("language", 15, "speaks fr"),
                        new ScoreComponent("tier", 15, "GOLD partner"))),
                List.of(), List.of(), lead.brief(), now, now.plusSeconds(4 * 3600));
    }

    private static List<MimeMessage> emailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(recipient -> recipient.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<MimeMessage> awaitEmailTo(String address, int count) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> emailsTo(address), found -> found.size() >= count);
    }
}
