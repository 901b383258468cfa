package org.leadrelay.notification.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.keyed;
import static org.leadrelay.testing.TopicProbe.ofType;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.leadrelay.events.Channel;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.notification.NotificationServiceApplication;
import org.leadrelay.notification.support.Endpoints;
import org.leadrelay.notification.support.Fixtures;
import org.leadrelay.notification.support.RunningService;
import org.leadrelay.notification.support.Smtp;
import org.leadrelay.testing.LeadKeyServer;
import org.leadrelay.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances share the database: each delivery goes out once whichever instance claims it, and a
 * delivery cut off between sending and recording (an instance dies) is sent again by the other, with
 * the same webhook-id. The second instance runs as the system tests run the services, with Spring
 * Boot's security auto-configuration excluded: its operator API stays closed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstancesIT extends RunningService {

    /** What system-tests' LeadRelayStack excludes for services that do not ship Spring Security. */
    private static final String BOOT_SECURITY = String.join(",",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration");

    private static TopicProbe kafka;
    private static ConfigurableApplicationContext other;

    @Autowired
    DeliveryLog log;

    @Autowired
    DeliveryJobs jobs;

    @Autowired
    DeliveringMessages delivering;

    @Autowired
    RelayingDeliveryEvents relaying;

    @BeforeAll
    static void startAnotherInstance() {
        kafka = TopicProbe.on(Topics.NOTIFICATIONS);
        other = NotificationServiceApplication.application().run("--server.port=0", "--spring.mail.port=" + Smtp.port(),
                "--leadrelay.webhooks.allowed-hosts=127.0.0.1", "--leadrelay.notification.retries.poll-interval=100ms",
                "--leadrelay.notification.webhook-timeout=30s", "--leadrelay.notification.shutdown-grace=0s",
                "--logging.include-application-name=false", "--spring.autoconfigure.exclude=" + BOOT_SECURITY,
                "--leadrelay.notification.lead-keys.url=" + LeadKeyServer.shared().url(),
                "--leadrelay.notification.lead-keys.username=" + LeadKeyServer.USERNAME,
                "--leadrelay.notification.lead-keys.password=" + LeadKeyServer.PASSWORD);
    }

    @AfterAll
    static void stopIt() {
        if (other.isActive()) {
            other.close();
        }
        kafka.close();
    }

    @Test
    @Order(1)
    void theOperatorApiStaysClosedWithoutBootsSecurityAutoConfiguration() throws Exception {
        URI base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) other).getWebServer().getPort());

        assertThat(status(base.resolve("/api/deliveries/failing"), null)).isEqualTo(401);
        assertThat(status(base.resolve("/api/deliveries/failing"), OPERATOR)).isEqualTo(200);
        assertThat(status(base.resolve("/actuator/health"), null)).isEqualTo(200);
        assertThat(status(base.resolve("/actuator/prometheus"), null)).isEqualTo(200);
    }

    @Test
    @Order(2)
    void withTwoInstancesRetryingTheSameDeliveriesEachGoesOutOnce() {
        // four leads per endpoint: too few failures to open an endpoint's circuit
        List<String> paths = IntStream.range(0, 10).mapToObj(i -> "/instances/partner-" + i).toList();
        // unavailable, and asking for 10 s: no retry comes before every first attempt has failed
        paths.forEach(path -> Endpoints.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "10"))));
        List<PartnerUpserted> partners = paths.stream()
                .map(path -> Fixtures.partner("two-instances" + path.substring(path.lastIndexOf('-')) + "@partner.example", "en",
                        Endpoints.url(path)))
                .toList();
        partners.forEach(kafka::publish);
        partners.forEach(partner -> known(kafka, partner));
        List<LeadAssigned> leads = IntStream.range(0, 40).mapToObj(i -> Fixtures.assigned(partners.get(i % 10).partnerId())).toList();

        leads.forEach(kafka::publish);
        paths.forEach(path -> Endpoints.awaitRequests(path, 4));
        // every first attempt failed; the retries, 10 s later, are claimed by whichever instance polls first
        paths.forEach(path -> Endpoints.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204))));

        List<String> webhooks = leads.stream().map(lead -> lead.assignmentId() + ":offer:WEBHOOK").toList();
        java.util.concurrent.atomic.AtomicBoolean movedOn = new java.util.concurrent.atomic.AtomicBoolean();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<DeliveryLog.Entry> entries = webhooks.stream().map(id -> log.find(id).orElseThrow()).toList();
            boolean retriedTooEarly = entries.stream().anyMatch(entry -> entry.state() == DeliveryState.PENDING && entry.attempts() > 1);
            if (retriedTooEarly && !movedOn.getAndSet(true)) {
                // should a retry have come before the endpoint was back, it waits 5 min: this instance's clock gets there at once
                clock.advance(Duration.ofMinutes(7));
            }
            return entries.stream().allMatch(entry -> entry.state() == DeliveryState.DELIVERED);
        });
        for (String path : paths) {
            Map<String, Long> answeredById = Endpoints.requests(path).stream().filter(request -> request.getResponse().getStatus() == 204)
                    .collect(Collectors.groupingBy(request -> request.getRequest().getHeader("webhook-id"), Collectors.counting()));
            // one 2xx per webhook-id, unless an attempt timed out on this busy machine after the partner had answered: then
            // the retry carries the same webhook-id (the receiver's dedupe key), and the log counts that attempt too. Two
            // instances sending the same delivery would show here as two 2xx for one recorded attempt.
            assertThat(answeredById).hasSize(4).allSatisfy((id, count) -> {
                DeliveryLog.Entry entry = webhooks.stream().map(key -> log.find(key).orElseThrow())
                        .filter(candidate -> id.equals(candidate.messageId())).findFirst().orElseThrow();
                assertThat(count).as(id).isLessThanOrEqualTo(entry.attempts() - 1L);
            });
        }
        for (int i = 0; i < 10; i++) {
            assertThat(Smtp.to("two-instances-" + i + "@partner.example")).hasSize(4);
        }
    }

    @Test
    @Order(3)
    void aDeliveryCutOffBetweenSendingAndRecordingIsSentAgainWithTheSameWebhookId() {
        String path = "/instances/crash";
        Endpoints.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));
        PartnerUpserted partner = known(kafka, Fixtures.partner("crash@partner.example", "en", Endpoints.url(path)));
        LeadAssigned assigned = Fixtures.assigned(partner.partnerId());

        // the other instance takes the offer and sends the webhook; it dies while the partner answers
        other.getBean(NotifyingPartners.class).on(assigned);
        Endpoints.awaitRequests(path, 1);
        other.close();
        Endpoints.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        assertThat(log.find(assigned.assignmentId() + ":offer:WEBHOOK")).get().extracting(DeliveryLog.Entry::state)
                .isEqualTo(DeliveryState.PENDING);

        // once its lease (2 min) has run out, this instance claims the delivery and sends it again
        clock.advance(Duration.ofMinutes(3));

        List<ServeEvent> requests = Endpoints.awaitRequests(path, 2);
        assertThat(requests.get(1).getRequest().getHeader("webhook-id")).isEqualTo(requests.get(0).getRequest().getHeader("webhook-id"))
                .isEqualTo(log.find(assigned.assignmentId() + ":offer:WEBHOOK").orElseThrow().messageId());
        assertThat(requests.get(1).getRequest().getBodyAsString()).isEqualTo(requests.get(0).getRequest().getBodyAsString());
        NotificationDelivered delivered = event(kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED))
                .and(record -> event(record, NotificationDelivered.class).channel() == Channel.WEBHOOK)), NotificationDelivered.class);
        assertThat(delivered.attempt()).isEqualTo(2);
        assertThat(log.attemptsOf(List.of(assigned.assignmentId() + ":offer:WEBHOOK"))).extracting(DeliveryLog.Attempt::attempt)
                .containsExactly(2);
    }

    @Test
    @Order(4)
    void aDeliverySettledByAnInstanceThatStoppedBeforeFinishingIsCompletedNotSentAgain() {
        String path = "/instances/settled";
        Endpoints.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        PartnerUpserted partner = known(kafka, Fixtures.partner("settled@partner.example", "en", Endpoints.url(path)));
        LeadAssigned assigned = Fixtures.assigned(partner.partnerId());
        String id = DeliveryId.webhook(assigned.assignmentId() + ":offer").value();
        java.time.Instant now = clock.instant();
        DeliveryJob job = webhookOffer(id, assigned, "msg_settled", now);
        String target = Endpoints.url(path).toString();

        // what an instance leaves when it is killed right after recording that the partner took the webhook:
        // the job settled with its event pending, nothing else done (no log entry settled, the event not
        // published, the job not removed); its mark in the relay is left out here, so that only the next
        // claim publishes (the relay's sweeper is DeliveryBrokerOutageIT's)
        log.opened(job, target);
        DeliveryJobs.Claim claim = jobs.addClaimed(job, now, Duration.ofMinutes(2), "killed-instance").orElseThrow();
        DeliveryJobs.Settlement settled = new DeliveryJobs.Settlement(DeliveryState.DELIVERED, "delivered", 1, null, target, now);
        assertThat(jobs.settle(claim, settled, claim.job().eventsOf(settled), now, Duration.ofMinutes(2))).isTrue();

        clock.advance(Duration.ofMinutes(3));

        await().atMost(Duration.ofSeconds(20)).until(() -> log.find(id).orElseThrow().state() == DeliveryState.DELIVERED);
        NotificationDelivered delivered = event(kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED))),
                NotificationDelivered.class);
        assertThat(delivered.attempt()).isEqualTo(1);
        assertThat(kafka.recordsAfter(Duration.ofSeconds(2), keyed(assigned.leadId()))).as("published once").hasSize(1);
        assertThat(Endpoints.requests(path)).as("not sent again").isEmpty();
        assertThat(jobs.pending()).extracting(DeliveryJob::id).doesNotContain(id);
    }

    @Test
    @Order(5)
    void aCancellationTakesTheJobFromAnInstanceAttemptingItAndIsPublishedOnce() {
        String path = "/instances/cancelled";
        Endpoints.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(503)));
        PartnerUpserted partner = known(kafka, Fixtures.partner("cancelled@partner.example", "en", Endpoints.url(path)));
        LeadAssigned assigned = Fixtures.assigned(partner.partnerId());
        String id = DeliveryId.webhook(assigned.assignmentId() + ":offer").value();
        java.time.Instant now = clock.instant();
        DeliveryJob job = webhookOffer(id, assigned, "msg_cancelled", now);
        log.opened(job, Endpoints.url(path).toString());
        DeliveryJobs.Claim attempting = jobs.addClaimed(job, now, Duration.ofMinutes(2), "slow-instance").orElseThrow();

        delivering.cancel(new DeliveryId(id), "the partner accepted by email");

        assertThat(log.find(id).orElseThrow().state()).isEqualTo(DeliveryState.CANCELLED);
        assertThat(jobs.settle(attempting, new DeliveryJobs.Settlement(DeliveryState.FAILED, "exhausted", 1, "503", "x", now), List.of(),
                now, Duration.ofMinutes(2))).as("the attempting instance lost its claim").isFalse();
        assertThat(kafka.recordsAfter(Duration.ofSeconds(2), keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED))))
                .as("one NotificationFailed, for good").singleElement()
                .satisfies(record -> assertThat(event(record, org.leadrelay.events.NotificationFailed.class).retrying()).isFalse());
        assertThat(jobs.pending()).extracting(DeliveryJob::id).doesNotContain(id);
    }

    @Test
    @Order(6)
    void eventsOfAnAttemptWhoseClaimWasLostKeepTheirJobUntilTheyAreOutOrComeBackWithOneOfTheirOwn() {
        LeadAssigned assigned = Fixtures.assigned(java.util.UUID.randomUUID());
        String id = DeliveryId.webhook(assigned.assignmentId() + ":offer").value();
        java.time.Instant now = clock.instant();
        DeliveryJob job = webhookOffer(id, assigned, "msg_lost_claim", now);
        DeliveryJobs.Claim cancelling = jobs.addClaimed(job, now, Duration.ofMinutes(2), "cancelling-instance").orElseThrow();
        DeliveryJobs.Settlement cancelled = new DeliveryJobs.Settlement(DeliveryState.CANCELLED, "cancelled", 1, "answered", "x", now);
        List<DeliveryJob.PendingEvent> ownEvents = cancelling.job().eventsOf(cancelled);
        assertThat(jobs.settle(cancelling, cancelled, ownEvents, now, Duration.ofMinutes(2))).isTrue();

        // the instance whose claim the cancellation took had reached the partner meanwhile: its event joins the job
        DeliveryJobs.Settlement deliveredMeanwhile = new DeliveryJobs.Settlement(DeliveryState.DELIVERED, "delivered", 2, null, "x", now);
        List<DeliveryJob.PendingEvent> lostClaimEvents = cancelling.job().eventsOf(deliveredMeanwhile);
        jobs.hold(cancelling.job(), lostClaimEvents, now);

        assertThat(jobs.finish(cancelling)).as("not removed while an event is pending").isFalse();
        assertThat(jobs.find(id).orElseThrow().pending()).extracting(DeliveryJob.PendingEvent::id)
                .containsExactlyElementsOf(java.util.stream.Stream.concat(ownEvents.stream(), lostClaimEvents.stream())
                        .map(DeliveryJob.PendingEvent::id).toList());
        jobs.clearPending(id, jobs.find(id).orElseThrow().pending().stream().map(DeliveryJob.PendingEvent::id).toList());
        assertThat(jobs.finish(cancelling)).as("removed once they are out").isTrue();

        // the same once the job is gone: it comes back without its content, holding the events, leased to the relay
        jobs.hold(cancelling.job(), lostClaimEvents, now);
        assertThat(jobs.find(id)).get().satisfies(heldForEvents -> {
            assertThat(heldForEvents.lease()).isEqualTo(DeliveryJobs.EVENTS_ONLY);
            assertThat(heldForEvents.job().webhook().body()).as("no content").isNull();
            assertThat(heldForEvents.pending()).extracting(DeliveryJob.PendingEvent::id)
                    .containsExactlyElementsOf(lostClaimEvents.stream().map(DeliveryJob.PendingEvent::id).toList());
        });
        assertThat(jobs.pending()).as("not pending work").extracting(DeliveryJob::id).doesNotContain(id);
        clock.advance(Duration.ofMinutes(3));
        delivering.nudge();
        await("never claimed by a poller").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> jobs.find(id).map(held -> DeliveryJobs.EVENTS_ONLY.equals(held.lease())).orElse(false));
        relaying.publish(cancelling.job(), "any-token");
        NotificationDelivered published = event(kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED))),
                NotificationDelivered.class);
        assertThat(published.attempt()).isEqualTo(2);
        assertThat(jobs.find(id)).as("removed by the relay once they are out").isEmpty();
    }

    /** An offer's webhook delivery as a job, for scenes staged directly in the job store. */
    private static DeliveryJob webhookOffer(String id, LeadAssigned assigned, String messageId, java.time.Instant now) {
        return new DeliveryJob(id, DeliveryKind.OFFER, Channel.WEBHOOK, assigned.leadId(), assigned.assignmentId(), assigned.partnerId(),
                messageId, 0, now, null, now, null, null, new DeliveryJob.Webhook("lead.offered", "{}"));
    }

    private static int status(URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
