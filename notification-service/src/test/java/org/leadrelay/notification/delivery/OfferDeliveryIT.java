package org.leadrelay.notification.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.header;
import static org.leadrelay.testing.TopicProbe.keyed;
import static org.leadrelay.testing.TopicProbe.ofType;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.AnswerTokens;
import org.leadrelay.events.Channel;
import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.NotificationContact;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.NotificationFailed;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.SigningKey;
import org.leadrelay.events.Topics;
import org.leadrelay.events.WebhookSecrets;
import org.leadrelay.notification.partners.PartnerContacts;
import org.leadrelay.notification.support.Endpoints;
import org.leadrelay.notification.support.Fixtures;
import org.leadrelay.notification.support.RunningService;
import org.leadrelay.notification.support.Smtp;
import org.leadrelay.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Offers reach partners by email and by signed webhook, through the broker, the database, SMTP and HTTP. */
class OfferDeliveryIT extends RunningService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TopicProbe kafka;

    @Autowired
    WebhookSecrets secrets;

    @Autowired
    AnswerTokens answerTokens;

    @Autowired
    PartnerContacts contacts;

    @BeforeAll
    static void watch() {
        kafka = TopicProbe.on(Topics.NOTIFICATIONS, Topics.deadLetterOf(Topics.ASSIGNMENTS), Topics.deadLetterOf(Topics.PARTNERS));
    }

    @AfterAll
    static void stopWatching() {
        kafka.close();
    }

    @Test
    void emailsInThePartnersLanguageAndSignsAWebhookWithTheAnswerLinks() throws Exception {
        PartnerUpserted partner = known(Fixtures.partner("leads@lyon-oss.example", "en", Endpoints.url("/offers/lyon")));
        LeadAssigned assigned = Fixtures.assigned(partner.partnerId());

        kafka.publish(assigned);

        MimeMessage email = Smtp.awaitTo("leads@lyon-oss.example", 1).get(0);
        assertThat(email.getSubject()).isEqualTo("New lead: postgresql, migration in Lyon, FR");
        assertThat(email.getMessageID()).endsWith("@leadrelay.local>");
        String text = part(email, "text/plain");
        String html = part(email, "text/html");
        String deadline = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.ENGLISH)
                .format(assigned.respondBy().atZone(ZoneId.of("Europe/Paris"))) + " (Europe/Paris)";
        assertThat(text).contains("a customer in Lyon, France needs help with postgresql, migration")
                .contains("- Company size: 120 employees").contains("Move 3 Oracle schemas").contains("Why you: score 90")
                .contains("- speciality 60: covers 2 of 2").contains("Please answer by " + deadline)
                .contains("Lead: " + assigned.leadId()).doesNotContain(Fixtures.CUSTOMER.email()).doesNotContain(Fixtures.CUSTOMER.name());
        assertThat(html).contains("<strong>" + deadline + "</strong>").contains(">Accept</a>").contains(">Decline</a>")
                .doesNotContain(Fixtures.CUSTOMER.email());
        String accept = text.lines().filter(line -> line.startsWith("Accept: ")).findFirst().orElseThrow().substring("Accept: ".length());
        assertThat(accept).startsWith("http://127.0.0.1:8083/answers/").endsWith("?answer=accept");
        assertThat(text).contains("Decline: " + accept.replace("accept", "decline"));
        String token = accept.substring(accept.lastIndexOf('/') + 1, accept.indexOf('?'));
        assertThat(answerTokens.verify(token, Instant.now())).isEqualTo(new AnswerTokens.Claims(assigned.leadId(), assigned.assignmentId(),
                partner.partnerId(), assigned.respondBy().truncatedTo(ChronoUnit.SECONDS)));

        ServeEvent webhook = Endpoints.awaitRequests("/offers/lyon", 1).get(0);
        new Webhook(secrets.secret(partner.partnerId(), 1)).verify(webhook.getRequest().getBodyAsString(), headers(webhook));
        JsonNode payload = JSON.readTree(webhook.getRequest().getBodyAsString());
        assertThat(payload.get("type").asString()).isEqualTo("lead.offered");
        assertThat(payload.get("leadId").asString()).isEqualTo(assigned.leadId().toString());
        assertThat(payload.get("score").get("total").asDouble()).isEqualTo(90.0);
        assertThat(payload.get("answerToken").asString()).isEqualTo(token);
        assertThat(payload.get("answerUrl").asString()).isEqualTo("http://127.0.0.1:8083/api/answers/" + token);
        assertThat(payload.get("acceptPage").asString()).isEqualTo(accept);
        assertThat(webhook.getRequest().getBodyAsString()).doesNotContain(Fixtures.CUSTOMER.email());
        assertThat(webhook.getRequest().getHeader("User-Agent")).isEqualTo("LeadRelay-Webhooks/1");

        var delivered = kafka.awaitRecords(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED)), 2);
        assertThat(delivered).extracting(record -> event(record, NotificationDelivered.class).channel())
                .containsExactlyInAnyOrder(Channel.EMAIL, Channel.WEBHOOK);
    }

    @Test
    void writesToEachContactInItsLanguageThenThePartnersThenEnglish() throws Exception {
        PartnerUpserted partner = known(Fixtures.partner(List.of(new NotificationContact("anne@bilingual.example", "fr"),
                new NotificationContact("bob@bilingual.example", "en"), new NotificationContact("carl@bilingual.example", null),
                new NotificationContact("dora@bilingual.example", "de")), List.of("de", "fr"), null, null, null));
        LeadAssigned assigned = Fixtures.assigned(partner.partnerId());

        kafka.publish(assigned);

        MimeMessage french = Smtp.awaitTo("anne@bilingual.example", 1).get(0);
        assertThat(french.getSubject()).isEqualTo("Nouvelle demande : postgresql, migration à Lyon, FR");
        assertThat(french.getAllRecipients()).extracting(Object::toString)
                .containsExactlyInAnyOrder("anne@bilingual.example", "carl@bilingual.example", "dora@bilingual.example");
        String deadline = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH:mm", Locale.FRENCH)
                .format(assigned.respondBy().atZone(ZoneId.of("Europe/Paris")));
        assertThat(part(french, "text/plain")).contains("un client à Lyon, France a besoin d'aide pour postgresql, migration")
                .contains("- Taille de l'entreprise : 120 salariés").contains("Pourquoi vous : score 90")
                .contains("- spécialités 60 : covers 2 of 2").contains("Merci de répondre avant le " + deadline + " (Europe/Paris)");
        MimeMessage english = Smtp.awaitTo("bob@bilingual.example", 1).get(0);
        assertThat(english.getSubject()).isEqualTo("New lead: postgresql, migration in Lyon, FR");
        assertThat(english.getAllRecipients()).extracting(Object::toString).containsExactly("bob@bilingual.example");
        assertThat(english.getMessageID()).isNotEqualTo(french.getMessageID());
        assertThat(kafka.awaitRecords(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED)), 2))
                .extracting(record -> event(record, NotificationDelivered.class).channel()).containsOnly(Channel.EMAIL);
    }

    @Test
    void theSameAssignmentTwiceSendsOneEmailAndOneWebhook() {
        PartnerUpserted partner = known(Fixtures.partner("twice@partner.example", "en", Endpoints.url("/offers/twice")));
        EventEnvelope<LeadAssigned> envelope = EventEnvelope.of(UUID.randomUUID(), "/leadrelay/lead-router", Instant.now(),
                Fixtures.assigned(partner.partnerId()));

        kafka.publish(envelope);
        kafka.publish(envelope);

        kafka.awaitRecords(keyed(envelope.data().leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED)), 2);
        assertThat(kafka.recordsAfter(Duration.ofSeconds(2), keyed(envelope.data().leadId()))).hasSize(2);
        assertThat(Smtp.to("twice@partner.example")).hasSize(1);
        assertThat(Endpoints.requests("/offers/twice")).hasSize(1);
    }

    @Test
    void aFailingWebhookIsReportedAndRetriedWhileTheEmailGoesOut() {
        Endpoints.server().stubFor(post(urlEqualTo("/offers/broken")).willReturn(aResponse().withStatus(500)));
        PartnerUpserted partner = known(Fixtures.partner("broken-hook@partner.example", "en", Endpoints.url("/offers/broken")));
        LeadAssigned assigned = Fixtures.assigned(partner.partnerId());

        kafka.publish(assigned);

        NotificationFailed failed = event(kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED))),
                NotificationFailed.class);
        assertThat(failed.channel()).isEqualTo(Channel.WEBHOOK);
        assertThat(failed.reason()).isEqualTo("webhook: HTTP 500");
        assertThat(failed.retrying()).isTrue();
        assertThat(Smtp.awaitTo("broken-hook@partner.example", 1)).hasSize(1);
    }

    @Test
    void refusesForGoodToCallAWebhookInAPrivateNetwork() {
        PartnerUpserted partner = known(Fixtures.partner("private@partner.example", "en", URI.create("https://10.0.0.7/hooks")));
        LeadAssigned assigned = Fixtures.assigned(partner.partnerId());

        kafka.publish(assigned);

        NotificationFailed failed = event(kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED))),
                NotificationFailed.class);
        assertThat(failed.reason()).startsWith("webhook URL refused");
        assertThat(failed.retrying()).isFalse();
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
        PartnerUpserted partner = known(Fixtures.partner(List.of(new NotificationContact("first@two-contacts.example", "en"),
                new NotificationContact("second@two-contacts.example", null)), List.of("en"), Endpoints.url("/offers/disabled"), false, null));
        LeadAssigned assigned = Fixtures.assigned(partner.partnerId());

        kafka.publish(assigned);

        MimeMessage email = Smtp.awaitTo("first@two-contacts.example", 1).get(0);
        assertThat(email.getAllRecipients()).extracting(Object::toString)
                .containsExactlyInAnyOrder("first@two-contacts.example", "second@two-contacts.example");
        assertThat(Smtp.to("second@two-contacts.example")).hasSize(1);
        kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED)));
        assertThat(kafka.recordsAfter(Duration.ofSeconds(1), keyed(assigned.leadId())))
                .extracting(record -> event(record, NotificationDelivered.class).channel()).containsExactly(Channel.EMAIL);
        assertThat(Endpoints.requests("/offers/disabled")).isEmpty();
    }

    @Test
    void duringASecretRotationReceiversHoldingTheOldOrTheNewSecretBothVerify() throws Exception {
        PartnerUpserted partner = known(Fixtures.partner(List.of(new NotificationContact("rotating@partner.example", "en")), List.of("en"),
                Endpoints.url("/offers/rotating"), null,
                List.of(new SigningKey(2, null), new SigningKey(1, Instant.now().plus(Duration.ofHours(1))))));

        kafka.publish(Fixtures.assigned(partner.partnerId()));

        ServeEvent webhook = Endpoints.awaitRequests("/offers/rotating", 1).get(0);
        String body = webhook.getRequest().getBodyAsString();
        assertThat(webhook.getRequest().getHeader("webhook-signature").split(" ")).hasSize(2)
                .allSatisfy(signature -> assertThat(signature).startsWith("v1,"));
        new Webhook(secrets.secret(partner.partnerId(), 1)).verify(body, headers(webhook));
        new Webhook(secrets.secret(partner.partnerId(), 2)).verify(body, headers(webhook));
        assertThatThrownBy(() -> new Webhook(secrets.secret(partner.partnerId(), 3)).verify(body, headers(webhook)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void afterTheRotationOnlyTheNewSecretVerifies() throws Exception {
        PartnerUpserted partner = known(Fixtures.partner(List.of(new NotificationContact("rotated@partner.example", "en")), List.of("en"),
                Endpoints.url("/offers/rotated"), null,
                List.of(new SigningKey(2, null), new SigningKey(1, Instant.now().minus(Duration.ofMinutes(1))))));

        kafka.publish(Fixtures.assigned(partner.partnerId()));

        ServeEvent webhook = Endpoints.awaitRequests("/offers/rotated", 1).get(0);
        new Webhook(secrets.secret(partner.partnerId(), 2)).verify(webhook.getRequest().getBodyAsString(), headers(webhook));
        assertThatThrownBy(() -> new Webhook(secrets.secret(partner.partnerId(), 1)).verify(webhook.getRequest().getBodyAsString(),
                headers(webhook))).isInstanceOf(WebhookVerificationException.class);
    }

    /**
     * A thousand tampered copies of a real delivery — a flipped byte of the body, the body
     * re-serialised, a changed id, an old or future timestamp, a signature under the wrong secret —
     * all fail the Standard Webhooks library's verification, while the original passes.
     */
    @Test
    void aThousandTamperedDeliveriesAllFailVerification() throws Exception {
        PartnerUpserted partner = known(Fixtures.partner("tampered@partner.example", "en", Endpoints.url("/offers/tampered")));
        kafka.publish(Fixtures.assigned(partner.partnerId()));
        ServeEvent webhook = Endpoints.awaitRequests("/offers/tampered", 1).get(0);
        String body = webhook.getRequest().getBodyAsString();
        Map<String, List<String>> headers = headers(webhook);
        Webhook receiver = new Webhook(secrets.secret(partner.partnerId(), 1));
        receiver.verify(body, headers);
        long timestamp = Long.parseLong(headers.get("webhook-timestamp").get(0));
        String id = headers.get("webhook-id").get(0);
        java.util.Random random = new java.util.Random(8);
        List<String> survivors = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String mutatedBody = body;
            Map<String, List<String>> mutatedHeaders = new HashMap<>(headers);
            switch (i % 5) {
                case 0 -> {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    int at = random.nextInt(bytes.length);
                    bytes[at] ^= (byte) (1 << random.nextInt(7));
                    mutatedBody = new String(bytes, StandardCharsets.UTF_8);
                }
                case 1 -> {
                    ObjectNode tree = (ObjectNode) JSON.readTree(body);
                    mutatedBody = switch (random.nextInt(3)) {
                        case 0 -> tree.toPrettyString();
                        case 1 -> " " + JSON.writeValueAsString(tree);
                        default -> JSON.writeValueAsString(tree.put("attempt", tree.get("attempt").asInt() + 1 + random.nextInt(5)));
                    };
                }
                case 2 -> mutatedHeaders.put("webhook-timestamp",
                        List.of(Long.toString(timestamp - 301 - random.nextInt(86_400))));
                case 3 -> mutatedHeaders.put("webhook-id", List.of(id + (char) ('a' + random.nextInt(26))));
                default -> {
                    String wrongSecret = secrets.secret(UUID.randomUUID(), 1 + random.nextInt(3));
                    mutatedHeaders.put("webhook-signature", List.of(new Webhook(wrongSecret).sign(id, timestamp, body)));
                }
            }
            try {
                receiver.verify(mutatedBody, mutatedHeaders);
                survivors.add("mutation " + i);
            } catch (WebhookVerificationException expected) {
                // refused, as it must be
            }
        }
        assertThat(survivors).isEmpty();
    }

    @Test
    void aTombstoneRemovesThePartnerOnceAndIsNotDeadLettered() {
        PartnerUpserted partner = known(Fixtures.partner("deleted@partner.example", "en", null));

        Map<String, byte[]> headers = CloudEventHeaders.toHeaders(UUID.randomUUID(), EventTypes.PARTNER_DELETED,
                "/leadrelay/partner-directory", Instant.now());
        kafka.send(Topics.PARTNERS, partner.key(), headers, null);
        kafka.send(Topics.PARTNERS, partner.key(), headers, null);

        await().atMost(Duration.ofSeconds(30)).until(() -> contacts.find(partner.partnerId()).isEmpty());
        assertThat(kafka.recordsAfter(Duration.ofMillis(500), keyed(partner.key()))).isEmpty();
    }

    private PartnerUpserted known(PartnerUpserted partner) {
        kafka.publish(partner);
        await().atMost(Duration.ofSeconds(30)).until(() -> contacts.find(partner.partnerId()).isPresent());
        return partner;
    }

    static Map<String, List<String>> headers(ServeEvent event) {
        Map<String, List<String>> headers = new HashMap<>();
        for (HttpHeader header : event.getRequest().getHeaders().all()) {
            headers.put(header.key().toLowerCase(Locale.ROOT), header.values());
        }
        return headers;
    }

    /** The decoded text of the message's first part of that type. */
    static String part(Part message, String type) throws Exception {
        if (message.isMimeType(type)) {
            return (String) message.getContent();
        }
        if (message.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) message.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
