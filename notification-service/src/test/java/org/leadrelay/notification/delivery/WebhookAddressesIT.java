package org.leadrelay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.keyed;
import static org.leadrelay.testing.TopicProbe.ofType;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Channel;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.NotificationFailed;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.kit.webhooks.WebhookUrlPolicy;
import org.leadrelay.notification.support.Fixtures;
import org.leadrelay.notification.support.LoopbackReceiver;
import org.leadrelay.notification.support.RunningService;
import org.leadrelay.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * S9: a webhook host whose name resolves to a private, loopback, metadata or NAT64 address is
 * refused at delivery, and a connection goes to the address that was checked: a name that answers
 * a public address, then the loopback address (DNS rebinding), never reaches the service listening
 * on the loopback address. DNS answers are scripted ({@link org.leadrelay.notification.support.ScriptedDns}).
 */
class WebhookAddressesIT extends RunningService {

    private static final String REFUSED = "webhook URL refused: " + WebhookUrlPolicy.PRIVATE_ADDRESS;
    /** Public by the policy, routed nowhere (IPv6 documentation prefix): a connection to it fails without reaching anyone. */
    private static final String PUBLIC = "2001:db8::10";

    private static TopicProbe kafka;
    private static final Map<String, Object> figures = new LinkedHashMap<>();

    @Autowired
    DeliveryLog log;

    @Autowired
    WebhookUrlPolicy urls;

    @BeforeAll
    static void watch() {
        kafka = TopicProbe.on(Topics.NOTIFICATIONS);
    }

    @AfterAll
    static void report() {
        kafka.close();
        System.out.println("S9: " + figures.entrySet().stream().map(figure -> figure.getKey() + " " + figure.getValue())
                .collect(java.util.stream.Collectors.joining("; ")));
    }

    @Test
    void namesThatResolveToPrivateLoopbackMetadataOrNat64AddressesAreRefusedForGoodAtDelivery() throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("loopback.s9.test", "127.0.0.1");
        answers.put("private.s9.test", "10.0.0.1");
        answers.put("metadata.s9.test", "169.254.169.254");
        answers.put("carrier-nat.s9.test", "100.64.0.1");
        answers.put("nat64.s9.test", "64:ff9b::a00:1");
        Map<String, String> reasons = Map.of(
                "loopback.s9.test", REFUSED + " (loopback)",
                "private.s9.test", REFUSED + " (private network)",
                "metadata.s9.test", REFUSED + " (link-local, cloud metadata)",
                "carrier-nat.s9.test", REFUSED + " (shared address space, carrier NAT)",
                "nat64.s9.test", REFUSED + " (NAT64 of an IPv4 private network address)");
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            Map<String, LeadAssigned> leads = new LinkedHashMap<>();
            for (Map.Entry<String, String> answer : answers.entrySet()) {
                dns.script(answer.getKey(), answer.getValue());
                PartnerUpserted partner = known(kafka, Fixtures.partner("s9-" + answer.getKey() + "@partner.example", "en",
                        URI.create("https://" + answer.getKey() + ":" + receiver.port() + "/hooks/leads")));
                leads.put(answer.getKey(), Fixtures.assigned(partner.partnerId()));
            }

            leads.values().forEach(kafka::publish);

            for (Map.Entry<String, LeadAssigned> lead : leads.entrySet()) {
                String reason = reasons.get(lead.getKey());
                NotificationFailed failed = webhookFailure(lead.getValue());
                assertThat(failed.reason()).as(lead.getKey()).isEqualTo(reason);
                assertThat(failed.retrying()).as(lead.getKey()).isFalse();
                String delivery = lead.getValue().assignmentId() + ":offer:WEBHOOK";
                DeliveryLog.Entry entry = await().atMost(Duration.ofSeconds(10)).until(() -> log.find(delivery).orElseThrow(),
                        found -> found.state() == DeliveryState.FAILED);
                assertThat(entry.lastError()).isEqualTo(reason);
                assertThat(entry.attempts()).isEqualTo(1);
                assertThat(log.attemptsOf(List.of(delivery))).singleElement().satisfies(attempt -> {
                    assertThat(attempt.outcome()).isEqualTo("failed");
                    assertThat(attempt.error()).isEqualTo(reason);
                    assertThat(attempt.target()).isEqualTo("https://" + lead.getKey() + ":" + receiver.port());
                });
                assertThat(dns.lookups(lead.getKey())).as(lead.getKey()).isEqualTo(1);
            }
            assertThat(receiver.accepted()).isZero();
            figures.put("names refused at delivery for good", leads.size() + " of " + answers.size() + " " + answers.values());
            figures.put("connections to the loopback receiver", receiver.accepted());
        }
    }

    @Test
    void aNameThatRebindsToLoopbackAfterAPublicAnswerNeverReachesTheLoopbackReceiver() throws Exception {
        String name = "rebinding.s9.test";
        dns.script(name, PUBLIC, "127.0.0.1");
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            PartnerUpserted partner = known(kafka, Fixtures.partner("s9-rebinding@partner.example", "en",
                    URI.create("https://" + name + ":" + receiver.port() + "/hooks/leads")));
            LeadAssigned assigned = Fixtures.assigned(partner.partnerId());
            String delivery = assigned.assignmentId() + ":offer:WEBHOOK";

            kafka.publish(assigned);

            // the first attempt resolves once, gets the public address, and connects there: nobody answers
            NotificationFailed first = webhookFailure(assigned);
            assertThat(first.retrying()).isTrue();
            assertThat(first.reason()).startsWith("webhook: ").doesNotContain("refused");
            assertThat(dns.lookups(name)).as("lookups in one attempt").isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> log.find(delivery).map(DeliveryLog.Entry::nextAttemptAt).isPresent());
            // the retry (5 s ± 20 % later) resolves again: the name now answers the loopback address, refused before connecting
            clock.advance(Duration.ofSeconds(7));
            NotificationFailed second = event(kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED))
                    .and(record -> event(record, NotificationFailed.class).channel() == Channel.WEBHOOK)
                    .and(record -> event(record, NotificationFailed.class).attempt() == 2)), NotificationFailed.class);
            assertThat(second.reason()).isEqualTo(REFUSED + " (loopback)");
            assertThat(second.retrying()).isFalse();
            assertThat(dns.lookups(name)).isEqualTo(2);
            assertThat(await().atMost(Duration.ofSeconds(10)).until(() -> log.find(delivery).orElseThrow(),
                    entry -> entry.state() == DeliveryState.FAILED).lastError()).isEqualTo(REFUSED + " (loopback)");
            assertThat(receiver.accepted()).isZero();
            figures.put("rebinding name (" + PUBLIC + ", then 127.0.0.1)", dns.lookups(name) + " lookups in 2 attempts, "
                    + receiver.accepted() + " connections to the loopback receiver, refused for good at attempt 2");
        }
    }

    @Test
    void aNameThatDoesNotResolveIsRetried() {
        String name = "unresolved.s9.test";
        dns.script(name);
        PartnerUpserted partner = known(kafka, Fixtures.partner("s9-unresolved@partner.example", "en",
                URI.create("https://" + name + "/hooks/leads")));
        LeadAssigned assigned = Fixtures.assigned(partner.partnerId());

        kafka.publish(assigned);

        NotificationFailed failed = webhookFailure(assigned);
        assertThat(failed.reason()).isEqualTo("webhook URL refused: host does not resolve");
        assertThat(failed.retrying()).isTrue();
    }

    /**
     * The control: the same kind of name, checked and then resolved again to connect, as a sender
     * whose HTTP client does its own DNS (the JDK's, before) does. The loopback receiver is reached.
     */
    @Test
    void aSenderThatResolvesAgainAfterTheCheckWouldReachTheLoopbackReceiver() throws Exception {
        String name = "rebinding-control.s9.test";
        dns.script(name, PUBLIC, "127.0.0.1");
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            URI url = URI.create("https://" + name + ":" + receiver.port() + "/hooks/leads");

            assertThat(urls.withLookup(dns).refusal(url)).as("the check sees the public address").isEmpty();
            InetAddress connectTo = dns.addresses(name)[0];
            try (Socket connection = new Socket(connectTo, receiver.port())) {
                assertThat(connection.isConnected()).isTrue();
            }

            await().atMost(Duration.ofSeconds(5)).until(receiver::accepted, accepted -> accepted == 1);
            figures.put("a sender resolving again after the check", receiver.accepted() + " connection to the loopback receiver");
        }
    }

    private static NotificationFailed webhookFailure(LeadAssigned assigned) {
        return event(kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED))
                .and(record -> event(record, NotificationFailed.class).channel() == Channel.WEBHOOK)), NotificationFailed.class);
    }
}
