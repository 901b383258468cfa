package org.leadrelay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.keyed;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Channel;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.NotificationEvent;
import org.leadrelay.events.NotificationFailed;
import org.leadrelay.events.Topics;
import org.leadrelay.kafka.StandaloneKafka;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.notification.NotificationServiceApplication;
import org.leadrelay.notification.support.Smtp;
import org.leadrelay.testing.LeadKeyServer;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Deliveries go on while the broker is down, and what they are published as waits in their jobs:
 * a delivery settled, and a failed attempt to be retried, are recorded with their events; the job
 * of a delivery that ended stays while its events are pending (its next claims complete it again,
 * and cannot publish either), and once the broker is back the relay publishes them, each
 * delivery's in order, and the jobs go. The broker is a real one of its own (from the Kafka jars,
 * on fixed ports and a log directory that survives the restart), not the shared test broker; the
 * service is an instance of its own too, with a lease of seconds, started outside the test
 * framework's context cache so the other tests' service is never paused for it.
 */
@WithInfrastructure
class DeliveryBrokerOutageIT {

    private static final int BROKER_PORT = freePort();
    private static final int CONTROLLER_PORT = freePort();
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static Path logDir;
    private static StandaloneKafka broker;
    private static ConfigurableApplicationContext service;

    private DeliveringMessages delivering;
    private DeliveryJobs jobs;
    private DeliveryLog log;
    private MeterRegistry meters;

    @BeforeAll
    static void startBrokerAndService() throws IOException {
        logDir = Files.createTempDirectory("notification-outage-kafka");
        broker = StandaloneKafka.start(logDir, BROKER_PORT, CONTROLLER_PORT);
        service = NotificationServiceApplication.application().run("--server.port=0", "--spring.mail.port=" + Smtp.port(),
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--spring.mongodb.database=notification-broker-outage",
                "--leadrelay.events.send-timeout=2s", "--leadrelay.events.sweep-grace=3s", "--leadrelay.events.sweep-interval=200ms",
                "--spring.kafka.admin.operation-timeout=2s",
                "--leadrelay.notification.retries.poll-interval=100ms", "--leadrelay.notification.retries.lease=" + LEASE.toSeconds() + "s",
                "--leadrelay.notification.retries.delays=2s,10m",
                // this instance only makes deliveries: its consumers would join the other tests' groups on the
                // shared broker (the binder takes its brokers from there), so they stay stopped
                "--spring.cloud.stream.bindings.leadAssignment-in-0.consumer.auto-startup=false",
                "--spring.cloud.stream.bindings.partnerUpserted-in-0.consumer.auto-startup=false",
                "--spring.cloud.stream.bindings.leadErased-in-0.consumer.auto-startup=false",
                "--logging.include-application-name=false",
                "--leadrelay.notification.lead-keys.url=" + LeadKeyServer.shared().url(),
                "--leadrelay.notification.lead-keys.username=" + LeadKeyServer.USERNAME,
                "--leadrelay.notification.lead-keys.password=" + LeadKeyServer.PASSWORD);
    }

    @AfterAll
    static void stopThem() {
        service.close();
        broker.close();
    }

    @Test
    void eventsOfDeliveriesMadeWhileTheBrokerIsDownArePublishedByTheRelayOnceItIsBackAndOnlyThenDoTheirJobsGo() {
        delivering = service.getBean(DeliveringMessages.class);
        jobs = service.getBean(DeliveryJobs.class);
        log = service.getBean(DeliveryLog.class);
        meters = service.getBean(MeterRegistry.class);
        // the broker takes a first delivery's event, so the producer knows the topic before the outage
        DeliveryJob before = emailOffer("before");
        assertThat(delivering.schedule(before, "partner:" + before.partnerId())).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(before.id()).isEmpty());

        broker.close();
        // a delivery made at once, whose end cannot be published
        DeliveryJob delivered = emailOffer("delivered");
        delivering.schedule(delivered, "partner:" + delivered.partnerId());
        await().atMost(Duration.ofSeconds(30)).until(() -> log.find(delivered.id()).orElseThrow().state() == DeliveryState.DELIVERED);
        assertThat(jobs.find(delivered.id())).as("the job of a delivery that ended stays while its event is pending").get()
                .satisfies(job -> {
                    assertThat(job.settled().state()).isEqualTo(DeliveryState.DELIVERED);
                    assertThat(job.pending()).extracting(DeliveryJob.PendingEvent::id)
                            .containsExactly(EventIds.derived("notification", delivered.id(), 1));
                });
        assertThat(Smtp.to(address("delivered"))).hasSize(1);
        String settledUnder = jobs.find(delivered.id()).orElseThrow().lease();
        // a delivery whose first attempt fails (the mail relay is down too), to be retried in 2 s
        Smtp.stop();
        DeliveryJob retried = emailOffer("retried");
        try {
            delivering.schedule(retried, "partner:" + retried.partnerId());
            await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(retried.id()).map(job -> job.pending().size() == 1).orElse(false));
        } finally {
            Smtp.restart();
        }
        assertThat(jobs.find(retried.id()).orElseThrow().settled()).as("waiting for its retry").isNull();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(relayPending()).isEqualTo(2.0));

        // past the lease and the retry: the delivered job's next claim completes it again, and the retry delivers;
        // neither can publish, so both jobs stay, each with its events in order
        await().atMost(Duration.ofSeconds(60)).until(() -> log.find(retried.id()).orElseThrow().state() == DeliveryState.DELIVERED);
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(retried.id()).map(job -> job.pending().size() == 2).orElse(false));
        assertThat(jobs.find(retried.id()).orElseThrow().pending()).extracting(pending -> pending.event().getClass().getSimpleName())
                .containsExactly("NotificationFailed", "NotificationDelivered");
        await().atMost(Duration.ofSeconds(30)).until(() -> !settledUnder.equals(jobs.find(delivered.id()).orElseThrow().lease()));
        assertThat(jobs.find(delivered.id())).as("still there, its event pending, after its next claim").get()
                .satisfies(job -> assertThat(job.pending()).hasSize(1));

        broker = StandaloneKafka.start(logDir, BROKER_PORT, CONTROLLER_PORT);

        try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), Topics.NOTIFICATIONS)) {
            ConsumerRecord<String, byte[]> deliveredRecord = probe.awaitRecord(keyed(delivered.leadId()));
            assertThat(TopicProbe.header(deliveredRecord, "ce_id")).isEqualTo(EventIds.derived("notification", delivered.id(), 1).toString());
            assertThat(event(deliveredRecord, NotificationDelivered.class).attempt()).isEqualTo(1);
            List<NotificationEvent> retriedEvents = probe.awaitRecords(keyed(retried.leadId()), 2, Duration.ofSeconds(60)).stream()
                    .map(record -> (NotificationEvent) (TopicProbe.header(record, "ce_type").contains("failed")
                            ? event(record, NotificationFailed.class) : event(record, NotificationDelivered.class)))
                    .toList();
            assertThat(retriedEvents).as("a delivery's events in the order they happened").satisfiesExactly(
                    failed -> assertThat(((NotificationFailed) failed).retrying()).isTrue(),
                    deliveredAfterRetry -> assertThat(deliveredAfterRetry.attempt()).isEqualTo(2));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(relayPending()).isZero());

        // once nothing of them is pending, the next claim of each (or a completion that was still waiting for the
        // broker when it came back) completes and removes them
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(delivered.id()).isEmpty() && jobs.find(retried.id()).isEmpty());
        assertThat(Smtp.to(address("delivered"))).as("not sent again by its completions (the relay restarted empty after it)").isEmpty();
        assertThat(Smtp.to(address("retried"))).hasSize(1);
    }

    private double relayPending() {
        return meters.get("leadrelay.relay.pending").tag("relay", "delivery-relay").gauge().value();
    }

    private DeliveryJob emailOffer(String name) {
        UUID assignment = UUID.randomUUID();
        String id = DeliveryId.email(assignment + ":offer", "en").value();
        Instant now = Instant.now();
        return new DeliveryJob(id, DeliveryKind.OFFER, Channel.EMAIL, UUID.randomUUID(), assignment, UUID.randomUUID(),
                "<" + EventIds.derived("email", id) + "@leadrelay.test>", 0, now, null, now, null,
                new DeliveryJob.Email(List.of(address(name)), "A lead for you", "A lead near you.", "<p>A lead near you.</p>", "en"), null);
    }

    private static String address(String name) {
        return "outage-" + name + "@partner.example";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
