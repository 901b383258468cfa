package org.leadrelay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.keyed;
import static org.leadrelay.testing.TopicProbe.ofType;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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

/**
 * The mail relay goes down and comes back: every email is retried on the schedule and arrives once,
 * after a short outage and after one of five minutes (R9) that opens the relay's circuit.
 */
class EmailOutageIT extends RunningService {

    private static TopicProbe kafka;

    @Autowired
    DeliveryJobs jobs;

    @Autowired
    DeliveryLog log;

    @Autowired
    EndpointGuards guards;

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

    @Test
    void whileTheMailRelayIsDownForFiveMinutesItsCircuitOpensAndEveryEmailArrivesOnceWhenItIsBack() throws Exception {
        int count = 12;
        Duration outage = Duration.ofMinutes(5);
        List<PartnerUpserted> partners = IntStream.range(0, count)
                .mapToObj(i -> known(kafka, Fixtures.partner(r9Address(i), "en", null))).toList();
        List<LeadAssigned> leads = partners.stream().map(partner -> Fixtures.assigned(partner.partnerId())).toList();
        List<String> emails = leads.stream().map(lead -> lead.assignmentId() + ":offer:EMAIL:en").toList();
        CircuitBreaker relay = guards.of("smtp").breaker();
        double postponedBefore = metric("leadrelay_notifications_postponed_total", "channel=\"EMAIL\"", "reason=\"circuit\"");
        long started = System.nanoTime();
        boolean circuitOpened = false;

        Smtp.stop();
        try {
            Instant down = clock.instant();
            leads.forEach(kafka::publish);
            await().atMost(Duration.ofSeconds(30)).until(() -> emails.stream().allMatch(id -> log.find(id).isPresent()));
            awaitNoneDue(leads);
            // ten failed calls out of the last twenty open the relay's circuit: the emails wait without using their attempts
            circuitOpened = relay.getState() == CircuitBreaker.State.OPEN;
            while (clock.instant().isBefore(down.plus(outage))) {
                clock.advance(Duration.ofSeconds(30));
                awaitNoneDue(leads);
                circuitOpened |= relay.getState() == CircuitBreaker.State.OPEN;
            }
            assertThat(emails).noneMatch(this::delivered);
        } finally {
            Smtp.restart();
        }
        assertThat(circuitOpened).as("the relay's circuit opened").isTrue();

        // the relay is back: the retries come due (the third attempt 5 min ± 20 % after the second), the circuit lets a
        // trial call through after its minute, and once it succeeds the circuit closes and the rest follow
        for (int minute = 0; minute < 15 && !emails.stream().allMatch(this::delivered); minute++) {
            clock.advance(Duration.ofMinutes(1));
            awaitNoneDue(leads);
        }

        List<DeliveryLog.Attempt> attempts = log.attemptsOf(emails);
        List<Instant> failures = attempts.stream().filter(attempt -> "failed".equals(attempt.outcome())).map(DeliveryLog.Attempt::at)
                .sorted().toList();
        long failedAttempts = failures.size();
        // the relay was tried, and failed, across the outage: a trial call each time the open circuit allowed one
        assertThat(Duration.between(failures.get(0), failures.get(failures.size() - 1))).isGreaterThanOrEqualTo(outage.minusMinutes(1));
        for (int i = 0; i < count; i++) {
            LeadAssigned lead = leads.get(i);
            assertThat(Smtp.awaitTo(r9Address(i), 1)).hasSize(1);
            // the Message-ID fixed when the email was scheduled, before the relay went down
            assertThat(Smtp.to(r9Address(i)).get(0).getMessageID()).isEqualTo(log.find(emails.get(i)).orElseThrow().messageId());
            NotificationDelivered delivered = event(kafka.awaitRecord(keyed(lead.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED))),
                    NotificationDelivered.class);
            assertThat(delivered.channel()).isEqualTo(Channel.EMAIL);
            assertThat(log.find(emails.get(i))).get().extracting(DeliveryLog.Entry::state).isEqualTo(DeliveryState.DELIVERED);
        }
        assertThat(attempts).filteredOn(attempt -> "delivered".equals(attempt.outcome())).hasSize(count);
        assertThat(relay.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        double postponed = metric("leadrelay_notifications_postponed_total", "channel=\"EMAIL\"", "reason=\"circuit\"") - postponedBefore;
        assertThat(postponed).as("attempts held back by the open circuit").isPositive();
        long realSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        // half a day later, nothing more has gone out, and nothing waits
        clock.advance(Duration.ofHours(12));
        List<UUID> ids = leads.stream().map(LeadAssigned::leadId).toList();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> IntStream.range(0, count)
                .allMatch(i -> Smtp.to(r9Address(i)).size() == 1));
        assertThat(jobs.pending()).extracting(DeliveryJob::leadId).doesNotContainAnyElementsOf(ids);
        for (LeadAssigned lead : leads) {
            assertThat(kafka.recordsAfter(Duration.ZERO, keyed(lead.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED)))).hasSize(1);
        }
        System.out.printf("R9: %d emails; mail relay down for %d min of test clock; its circuit opened and held back %.0f attempts; "
                + "%d failed attempts; %d of %d delivered once each (scheduled Message-ID, one NotificationDelivered), none more after "
                + "12 h; %d s real from the relay stopping to the last email checked%n",
                count, outage.toMinutes(), postponed, failedAttempts, count, count, realSeconds);
    }

    /** Waits until every due attempt of the leads' emails was made or put off: none is due at the test clock's now. */
    private void awaitNoneDue(List<LeadAssigned> leads) {
        List<UUID> ids = leads.stream().map(LeadAssigned::leadId).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.pending().stream()
                .filter(job -> ids.contains(job.leadId()) && job.channel() == Channel.EMAIL)
                .allMatch(job -> job.dueAt().isAfter(clock.instant())));
    }

    private boolean delivered(String deliveryId) {
        return log.find(deliveryId).map(entry -> entry.state() == DeliveryState.DELIVERED).orElse(false);
    }

    private static String r9Address(int i) {
        return "relay-down-5min-" + i + "@partner.example";
    }
}
