package org.leadrelay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.keyed;
import static org.leadrelay.testing.TopicProbe.ofType;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Channel;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.notification.support.Fixtures;
import org.leadrelay.notification.support.RunningService;
import org.leadrelay.notification.support.Smtp;
import org.leadrelay.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;

/** Emails share a few connections kept open to the mail relay, and a connection the relay dropped costs no attempt and no email. */
class SmtpConnectionReuseIT extends RunningService {

    private static final int EMAILS = 40;
    /** The relay's bulkhead (endpoints.max-concurrent-calls) lets this many emails go at once, so as many connections are kept. */
    private static final int KEPT = 4;

    private static TopicProbe kafka;

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
    void manyEmailsGoOverAFewConnectionsEachOnceAtTheFirstAttempt() throws Exception {
        String address = "kept-connections@partner.example";
        PartnerUpserted partner = known(kafka, Fixtures.partner(address, "en", null));
        List<LeadAssigned> leads = IntStream.range(0, EMAILS).mapToObj(i -> Fixtures.assigned(partner.partnerId())).toList();
        int accepted = Smtp.connectionsAccepted();

        leads.forEach(kafka::publish);

        List<MimeMessage> received = Smtp.awaitTo(address, EMAILS);
        for (LeadAssigned lead : leads) {
            NotificationDelivered delivered = event(kafka.awaitRecord(keyed(lead.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED))),
                    NotificationDelivered.class);
            assertThat(delivered.channel()).isEqualTo(Channel.EMAIL);
            assertThat(delivered.attempt()).isEqualTo(1);
        }
        int opened = Smtp.connectionsAccepted() - accepted;
        // at most the kept connections, and as many again for kept ones an earlier test's relay restart left behind
        assertThat(opened).as("SMTP connections opened for %d emails", EMAILS).isLessThanOrEqualTo(2 * KEPT);
        assertThat(received).extracting(Smtp::messageId).doesNotHaveDuplicates();
        assertThat(Smtp.to(address)).hasSize(EMAILS);
        assertThat(metric("leadrelay_notifications_smtp_connections_total")).isPositive();
    }

    @Test
    void anEmailAfterTheRelayDroppedItsConnectionsGoesOutOnceOnANewOneInTheSameAttempt() throws Exception {
        String address = "dropped-connection@partner.example";
        PartnerUpserted partner = known(kafka, Fixtures.partner(address, "en", null));
        LeadAssigned first = Fixtures.assigned(partner.partnerId());
        kafka.publish(first);
        Smtp.awaitTo(address, 1);
        kafka.awaitRecord(keyed(first.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED)));

        Smtp.dropConnections();
        int accepted = Smtp.connectionsAccepted();
        LeadAssigned second = Fixtures.assigned(partner.partnerId());
        kafka.publish(second);

        List<MimeMessage> received = Smtp.awaitTo(address, 2);
        NotificationDelivered delivered = event(kafka.awaitRecord(keyed(second.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED))),
                NotificationDelivered.class);
        assertThat(delivered.attempt()).isEqualTo(1);
        assertThat(kafka.recordsAfter(Duration.ofSeconds(1), keyed(second.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED)))).isEmpty();
        assertThat(log.find(second.assignmentId() + ":offer:EMAIL:en").orElseThrow().attempts()).isEqualTo(1);
        assertThat(Smtp.connectionsAccepted() - accepted).isGreaterThanOrEqualTo(1);
        assertThat(received).extracting(Smtp::messageId).doesNotHaveDuplicates();
        assertThat(Smtp.to(address)).hasSize(2);
    }
}
