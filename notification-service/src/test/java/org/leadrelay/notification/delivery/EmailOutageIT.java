package org.leadrelay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.keyed;
import static org.leadrelay.testing.TopicProbe.ofType;

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
import org.leadrelay.events.NotificationFailed;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.notification.support.Fixtures;
import org.leadrelay.notification.support.RunningService;
import org.leadrelay.notification.support.Smtp;
import org.leadrelay.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;

/** The mail relay goes down and comes back: every email is retried on the schedule and arrives once. */
class EmailOutageIT extends RunningService {

    private static TopicProbe kafka;

    @Autowired
    DeliveryJobs jobs;

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
    void whileTheMailRelayIsDownEmailsWaitAndEachArrivesOnceWhenItIsBack() throws Exception {
        List<PartnerUpserted> partners = IntStream.range(0, 3)
                .mapToObj(i -> known(kafka, Fixtures.partner("relay-down-" + i + "@partner.example", "en", null))).toList();
        List<LeadAssigned> leads = partners.stream().map(partner -> Fixtures.assigned(partner.partnerId())).toList();
        Smtp.stop();
        try {
            leads.forEach(kafka::publish);
            for (LeadAssigned lead : leads) {
                NotificationFailed failed = event(kafka.awaitRecord(keyed(lead.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED))),
                        NotificationFailed.class);
                assertThat(failed.channel()).isEqualTo(Channel.EMAIL);
                assertThat(failed.reason()).isEqualTo("SMTP: MailConnectException");
                assertThat(failed.retrying()).isTrue();
            }
        } finally {
            Smtp.restart();
        }

        // past the first retry (5 s ± 20 %), and past the relay's circuit breaker should other failures have opened it
        clock.advance(Duration.ofSeconds(61));

        for (int i = 0; i < leads.size(); i++) {
            assertThat(Smtp.awaitTo("relay-down-" + i + "@partner.example", 1)).hasSize(1);
            NotificationDelivered delivered = event(kafka.awaitRecord(keyed(leads.get(i).leadId())
                    .and(ofType(EventTypes.NOTIFICATION_DELIVERED))), NotificationDelivered.class);
            assertThat(delivered.attempt()).isEqualTo(2);
            // the Message-ID fixed when the email was scheduled, before the relay went down
            assertThat(Smtp.to("relay-down-" + i + "@partner.example").get(0).getMessageID())
                    .isEqualTo(log.find(leads.get(i).assignmentId() + ":offer:EMAIL:en").orElseThrow().messageId());
        }
        clock.advance(Duration.ofHours(12));
        assertThat(jobs.pending()).extracting(DeliveryJob::leadId).doesNotContainAnyElementsOf(leads.stream().map(LeadAssigned::leadId).toList());
        for (int i = 0; i < leads.size(); i++) {
            assertThat(Smtp.to("relay-down-" + i + "@partner.example")).hasSize(1);
        }
    }
}
