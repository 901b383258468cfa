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

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.leadrelay.notification.partners.PartnerContacts;
import org.leadrelay.notification.support.Endpoints;
import org.leadrelay.notification.support.Fixtures;
import org.leadrelay.notification.support.RunningService;
import org.leadrelay.notification.support.Smtp;
import org.leadrelay.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * How partners' endpoints answering badly are treated, with the service's clock moved forward so a
 * schedule of hours runs in seconds: 410 disables, 429 with Retry-After slows down, 3xx is a failure
 * never followed, a slow endpoint times out without slowing the others, an endpoint down for ten
 * minutes gets the webhook exactly once when it is back, and a delivery whose every attempt fails
 * gives up and tells the operators.
 */
class WebhookOutcomesIT extends RunningService {

    private static TopicProbe kafka;

    @Autowired
    PartnerContacts contacts;

    @Autowired
    DeliveryLog log;

    @Autowired
    DeliveryJobs jobs;

    @Autowired
    DisabledEndpoints disabled;

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
    void anEndpointDownForTenMinutesGetsTheWebhookExactlyOnceWhenItIsBack() {
        String path = "/outcomes/outage";
        stub(path, aResponse().withStatus(503));
        PartnerUpserted partner = known(Fixtures.partner("outage@partner.example", "en", Endpoints.url(path)));
        LeadAssigned assigned = Fixtures.assigned(partner.partnerId());

        String webhook = assigned.assignmentId() + ":offer:WEBHOOK";
        kafka.publish(assigned);
        awaitAttempts(webhook, 1);
        // 5 s later (± 20 %): the connection is reset
        stub(path, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        clock.advance(Duration.ofSeconds(7));
        awaitAttempts(webhook, 2);
        // 5 min later: still 503
        stub(path, aResponse().withStatus(503));
        clock.advance(Duration.ofMinutes(6).plusSeconds(10));
        awaitAttempts(webhook, 3);
        // the endpoint comes back ten minutes after the first attempt; the next attempt is 30 min (± 20 %) after the third
        clock.advance(Duration.ofMinutes(4));
        stub(path, aResponse().withStatus(200));
        assertThat(Endpoints.requests(path)).hasSize(3);
        clock.advance(Duration.ofMinutes(37));

        List<ServeEvent> requests = Endpoints.awaitRequests(path, 4);
        NotificationDelivered delivered = event(kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED))
                .and(record -> event(record, NotificationDelivered.class).channel() == Channel.WEBHOOK)), NotificationDelivered.class);
        assertThat(delivered.attempt()).isEqualTo(4);
        assertThat(requests).extracting(request -> request.getRequest().getHeader("webhook-id")).containsOnly(
                requests.get(0).getRequest().getHeader("webhook-id"));
        assertThat(requests).extracting(request -> request.getRequest().getBodyAsString()).containsOnly(
                requests.get(0).getRequest().getBodyAsString());
        assertThat(kafka.awaitRecords(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED)), 3))
                .extracting(record -> event(record, NotificationFailed.class))
                .allSatisfy(failed -> assertThat(failed.retrying()).isTrue())
                .extracting(NotificationFailed::reason)
                .satisfiesExactly(reason -> assertThat(reason).isEqualTo("webhook: HTTP 503"),
                        reason -> assertThat(reason).startsWith("webhook: ").doesNotContain("HTTP"),
                        reason -> assertThat(reason).isEqualTo("webhook: HTTP 503"));
        assertThat(log.find(assigned.assignmentId() + ":offer:WEBHOOK")).get().extracting(DeliveryLog.Entry::state)
                .isEqualTo(DeliveryState.DELIVERED);
        // a day later, nothing more has gone out
        clock.advance(Duration.ofDays(1));
        assertThat(jobs.pending()).extracting(DeliveryJob::leadId).doesNotContain(assigned.leadId());
        assertThat(Endpoints.answered(path, 200)).isEqualTo(1);
        assertThat(Endpoints.requests(path)).hasSize(4);
    }

    @Test
    void a410DisablesTheEndpointTellsTheOperatorsAndLaterLeadsGoByEmailOnly() throws Exception {
        String path = "/outcomes/gone";
        stub(path, aResponse().withStatus(410));
        PartnerUpserted partner = known(Fixtures.partner("gone@partner.example", "en", Endpoints.url(path)));
        LeadAssigned first = Fixtures.assigned(partner.partnerId());
        double disabledBefore = metric("leadrelay_notifications_endpoints_disabled_total");

        kafka.publish(first);

        NotificationFailed failed = event(kafka.awaitRecord(keyed(first.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED))),
                NotificationFailed.class);
        assertThat(failed.retrying()).isFalse();
        assertThat(failed.reason()).isEqualTo("webhook: HTTP 410 Gone, endpoint disabled");
        assertThat(disabled.all()).anySatisfy(endpoint -> {
            assertThat(endpoint.partnerId()).isEqualTo(partner.partnerId());
            assertThat(endpoint.origin()).isEqualTo("http://127.0.0.1:" + Endpoints.server().port());
        });
        MimeMessage alert = await().atMost(Duration.ofSeconds(30)).until(() -> Smtp.to(OPERATORS).stream()
                .filter(message -> subject(message).contains("Webhook endpoint disabled")
                        && text(message).contains(partner.partnerId().toString())).findFirst().orElse(null), found -> found != null);
        assertThat(text(alert)).contains("Endpoint: http://127.0.0.1:" + Endpoints.server().port()).doesNotContain(path);
        assertThat(metric("leadrelay_notifications_endpoints_disabled_total")).isEqualTo(disabledBefore + 1);

        LeadAssigned second = Fixtures.assigned(partner.partnerId());
        kafka.publish(second);
        kafka.awaitRecord(keyed(second.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED)));
        assertThat(Smtp.awaitTo("gone@partner.example", 2)).hasSize(2);
        assertThat(Endpoints.requests(path)).hasSize(1);
        assertThat(log.ofLead(second.leadId())).extracting(DeliveryLog.Entry::channel).containsExactly(Channel.EMAIL);
    }

    @Test
    void a429WithRetryAfterIsNotCalledAgainBeforeTheEndpointAsked() {
        String path = "/outcomes/busy";
        stub(path, aResponse().withStatus(429).withHeader("Retry-After", "120"));
        PartnerUpserted partner = known(Fixtures.partner("busy@partner.example", "en", Endpoints.url(path)));
        LeadAssigned assigned = Fixtures.assigned(partner.partnerId());

        kafka.publish(assigned);

        NotificationFailed failed = event(kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED))),
                NotificationFailed.class);
        assertThat(failed.reason()).isEqualTo("webhook: HTTP 429, retry after 120 s");
        Instant firstAttempt = failed.failedAt();
        // the event is published before the log records the retry
        DeliveryLog.Entry waiting = await().atMost(Duration.ofSeconds(10))
                .until(() -> log.find(assigned.assignmentId() + ":offer:WEBHOOK").orElseThrow(), entry -> entry.nextAttemptAt() != null);
        // the schedule alone would have retried after 5 s (± 20 %)
        assertThat(waiting.nextAttemptAt()).isAfterOrEqualTo(firstAttempt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusSeconds(120));
        stub(path, aResponse().withStatus(202));
        clock.advance(Duration.ofSeconds(60));
        assertThat(jobs.failing(500)).anySatisfy(job -> assertThat(job.leadId()).isEqualTo(assigned.leadId()));
        assertThat(Endpoints.requests(path)).hasSize(1);
        clock.advance(Duration.ofSeconds(65));

        Endpoints.awaitRequests(path, 2);
        assertThat(event(kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED))
                .and(record -> event(record, NotificationDelivered.class).channel() == Channel.WEBHOOK)), NotificationDelivered.class)
                .attempt()).isEqualTo(2);
    }

    @Test
    void aRedirectIsAFailureAndIsNeverFollowed() {
        String path = "/outcomes/moved";
        stub(path, aResponse().withStatus(301).withHeader("Location", Endpoints.url("/outcomes/moved-here").toString()));
        PartnerUpserted partner = known(Fixtures.partner("moved@partner.example", "en", Endpoints.url(path)));
        LeadAssigned assigned = Fixtures.assigned(partner.partnerId());

        kafka.publish(assigned);

        NotificationFailed failed = event(kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED))),
                NotificationFailed.class);
        assertThat(failed.reason()).isEqualTo("webhook: HTTP 301, redirects are not followed");
        assertThat(failed.retrying()).isTrue();
        assertThat(Endpoints.requests("/outcomes/moved-here")).isEmpty();
    }

    @Test
    void aSlowEndpointTimesOutWithoutSlowingTheOthers() {
        String slow = "/outcomes/slow";
        stub(slow, aResponse().withStatus(200).withFixedDelay(6_000));
        PartnerUpserted slowPartner = known(Fixtures.partner("slow@partner.example", "en", Endpoints.url(slow)));
        PartnerUpserted quickPartner = known(Fixtures.partner("quick@partner.example", "en", Endpoints.url("/outcomes/quick")));
        // more deliveries to the slow endpoint than the service has senders (16)
        List<LeadAssigned> slowLeads = java.util.stream.Stream.generate(() -> Fixtures.assigned(slowPartner.partnerId())).limit(20).toList();

        slowLeads.forEach(kafka::publish);
        // at most four calls are under way to one endpoint (its bulkhead); the others wait their turn, holding no sender
        await().atMost(Duration.ofSeconds(10)).until(() -> Endpoints.requests(slow).size() >= 4
                && slowLeads.stream().allMatch(lead -> log.find(lead.assignmentId() + ":offer:WEBHOOK").isPresent()));
        long started = System.nanoTime();
        LeadAssigned quick = Fixtures.assigned(quickPartner.partnerId());
        kafka.publish(quick);
        Endpoints.awaitRequests("/outcomes/quick", 1);
        long quickMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        NotificationFailed timedOut = event(kafka.awaitRecord(keyed(slowLeads.get(0).leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED))),
                NotificationFailed.class);
        assertThat(timedOut.reason()).isEqualTo("webhook: no answer within PT2S");
        assertThat(timedOut.retrying()).isTrue();
        assertThat(quickMillis).as("the quick partner's webhook, while the slow endpoint holds its senders").isLessThan(1_500);
        List<ServeEvent> calls = Endpoints.requests(slow);
        long first = calls.get(0).getRequest().getLoggedDate().getTime();
        assertThat(calls).as("calls under way at once before the first timed out")
                .filteredOn(call -> call.getRequest().getLoggedDate().getTime() < first + 1_900).hasSizeLessThanOrEqualTo(4);
        // the endpoint recovers, so its deliveries do not linger into other tests
        stub(slow, aResponse().withStatus(204));
    }

    @Test
    void anEndlessAnswerIsReadOnlyUpToItsLimit() {
        String path = "/outcomes/chatty";
        // 5 MB dribbled over 20 s: read to the end, it would outlast the 2 s timeout
        stub(path, aResponse().withStatus(200).withBody(new byte[5 * 1024 * 1024]).withChunkedDribbleDelay(2_000, 20_000));
        PartnerUpserted partner = known(Fixtures.partner("chatty@partner.example", "en", Endpoints.url(path)));
        LeadAssigned assigned = Fixtures.assigned(partner.partnerId());

        kafka.publish(assigned);

        NotificationDelivered delivered = event(kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED))
                .and(record -> event(record, NotificationDelivered.class).channel() == Channel.WEBHOOK)), NotificationDelivered.class);
        assertThat(delivered.attempt()).isEqualTo(1);
        assertThat(log.attemptsOf(List.of(assigned.assignmentId() + ":offer:WEBHOOK")).get(0).latencyMs()).isLessThan(2_000);
    }

    @Test
    void aDeliveryWhoseEveryAttemptFailsGivesUpAndTellsTheOperators() throws Exception {
        String path = "/outcomes/dead";
        stub(path, aResponse().withStatus(500));
        PartnerUpserted partner = known(Fixtures.partner("dead@partner.example", "en", Endpoints.url(path)));
        LeadAssigned assigned = Fixtures.assigned(Fixtures.lead(), partner.partnerId(), Instant.now(), Duration.ofDays(3));
        double exhaustedBefore = metric("leadrelay_notifications_total", "channel=\"WEBHOOK\"", "outcome=\"exhausted\"");

        kafka.publish(assigned);
        // the schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (each ± 20 %)
        List<Duration> waits = List.of(Duration.ofSeconds(7), Duration.ofMinutes(7), Duration.ofMinutes(37), Duration.ofMinutes(145),
                Duration.ofHours(6), Duration.ofHours(12), Duration.ofHours(12));
        String webhook = assigned.assignmentId() + ":offer:WEBHOOK";
        awaitAttempts(webhook, 1);
        for (int attempt = 2; attempt <= 8; attempt++) {
            clock.advance(waits.get(attempt - 2));
            awaitAttempts(webhook, attempt);
        }
        assertThat(Endpoints.requests(path)).hasSize(8);

        var failures = kafka.awaitRecords(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED)), 8);
        NotificationFailed last = event(failures.get(7), NotificationFailed.class);
        assertThat(last.attempt()).isEqualTo(8);
        assertThat(last.retrying()).isFalse();
        assertThat(last.reason()).isEqualTo("webhook: HTTP 500");
        assertThat(failures.subList(0, 7)).allSatisfy(record -> assertThat(event(record, NotificationFailed.class).retrying()).isTrue());
        MimeMessage alert = await().atMost(Duration.ofSeconds(30)).until(() -> Smtp.to(OPERATORS).stream()
                .filter(message -> text(message).contains(assigned.leadId().toString())).findFirst().orElse(null), found -> found != null);
        assertThat(subject(alert)).isEqualTo("[Lead Relay] Delivery given up: offer by WEBHOOK to partner Lyon Open Source");
        assertThat(text(alert)).contains("- Attempts: 8").contains("- Last error: webhook: HTTP 500");
        // other tests' failing deliveries may give up too as the clock moves a day and a half
        assertThat(metric("leadrelay_notifications_total", "channel=\"WEBHOOK\"", "outcome=\"exhausted\""))
                .isGreaterThanOrEqualTo(exhaustedBefore + 1);
        assertThat(log.attemptsOf(List.of(assigned.assignmentId() + ":offer:WEBHOOK"))).hasSize(8)
                .allSatisfy(attempt -> assertThat(attempt.outcome()).isEqualTo("failed"));
    }

    @Test
    void repeatedFailuresOpenTheEndpointsCircuitAndItsDeliveriesWaitUntilItMayTryAgain() throws Exception {
        String path = "/outcomes/flaky";
        stub(path, aResponse().withStatus(502));
        PartnerUpserted partner = known(Fixtures.partner("flaky@partner.example", "en", Endpoints.url(path)));
        List<LeadAssigned> leads = java.util.stream.Stream.generate(() -> Fixtures.assigned(partner.partnerId())).limit(10).toList();

        leads.forEach(kafka::publish);
        Endpoints.awaitRequests(path, 10);
        CircuitBreaker circuit = guards.of(Endpoints.url(path).toString()).breaker();
        await().atMost(Duration.ofSeconds(10)).until(() -> circuit.getState() == CircuitBreaker.State.OPEN);
        assertThat(metric("leadrelay_notifications_circuits", "state=\"open\"")).isGreaterThanOrEqualTo(1);
        LeadAssigned sixth = Fixtures.assigned(partner.partnerId());
        kafka.publish(sixth);

        // not attempted while the circuit is open: the delivery waits, without using up an attempt of its schedule
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.failing(500).stream().anyMatch(job -> job.leadId().equals(sixth.leadId())
                && "webhook: circuit open after repeated failures, not sent".equals(job.lastError()) && job.attempts() == 0));
        assertThat(Endpoints.requests(path)).hasSize(10);
        // after a minute the circuit lets one trial call through; the endpoint is back, and it closes again
        stub(path, aResponse().withStatus(204));
        clock.advance(Duration.ofMinutes(8));
        await().atMost(Duration.ofSeconds(30)).until(() -> circuit.getState() == CircuitBreaker.State.CLOSED);
        // a delivery that reached the circuit while it was still open waits half its open time (30 s of this clock)
        clock.advance(Duration.ofMinutes(1));
        NotificationDelivered delivered = event(kafka.awaitRecord(keyed(sixth.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED))
                .and(record -> event(record, NotificationDelivered.class).channel() == Channel.WEBHOOK)), NotificationDelivered.class);
        assertThat(delivered.attempt()).isEqualTo(1);
        for (LeadAssigned lead : leads) {
            kafka.awaitRecord(keyed(lead.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED))
                    .and(record -> event(record, NotificationDelivered.class).channel() == Channel.WEBHOOK));
        }
        assertThat(kafka.recordsAfter(Duration.ZERO, keyed(sixth.leadId()).and(ofType(EventTypes.NOTIFICATION_FAILED)))).isEmpty();
    }

    @Test
    void successiveWebhooksToAnEndpointGoOverOneKeptHttp11Connection() throws Exception {
        // WireMock does not say which connection a request came on; the JDK's server does
        List<String> connections = new CopyOnWriteArrayList<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/outcomes/kept", exchange -> {
            connections.add(exchange.getProtocol() + " from port " + exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        endpoint.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/outcomes/kept");
            PartnerUpserted partner = known(Fixtures.partner("kept@partner.example", "en", url));
            for (int i = 0; i < 3; i++) {
                LeadAssigned assigned = Fixtures.assigned(partner.partnerId());
                kafka.publish(assigned);
                kafka.awaitRecord(keyed(assigned.leadId()).and(ofType(EventTypes.NOTIFICATION_DELIVERED))
                        .and(record -> event(record, NotificationDelivered.class).channel() == Channel.WEBHOOK));
            }

            assertThat(connections).hasSize(3).containsOnly(connections.get(0));
            assertThat(connections.get(0)).startsWith("HTTP/1.1 ");
        } finally {
            endpoint.stop(0);
        }
    }

    private PartnerUpserted known(PartnerUpserted partner) {
        kafka.publish(partner);
        await().atMost(Duration.ofSeconds(30)).until(() -> contacts.find(partner.partnerId()).isPresent());
        return partner;
    }

    /** Waits until the attempt is recorded with its next one scheduled: moving the clock before would move that too. */
    private void awaitAttempts(String deliveryId, int attempts) {
        await().atMost(Duration.ofSeconds(30)).until(() -> log.find(deliveryId).map(DeliveryLog.Entry::attempts).orElse(0) >= attempts);
    }

    private static void stub(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        Endpoints.server().stubFor(post(urlEqualTo(path)).willReturn(response));
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage message) {
        try {
            return part(message, "text/plain");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
