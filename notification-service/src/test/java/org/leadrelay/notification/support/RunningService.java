package org.leadrelay.notification.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.notification.NotificationServiceApplication;
import org.leadrelay.notification.partners.PartnerContacts;
import org.leadrelay.testing.LeadKeyServer;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notification service running against the shared broker and database, the tests' mail relay
 * and partner endpoints, with a clock tests move forward and DNS answers they script. Every
 * integration test extends it, so they share one Spring context.
 */
@WithInfrastructure
@SpringBootTest(classes = {NotificationServiceApplication.class, TestClock.class, ScriptedDns.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + NotificationServiceApplication.CONFIG_NAME,
                "leadrelay.webhooks.allowed-hosts=127.0.0.1",
                "leadrelay.notification.webhook-timeout=2s",
                "leadrelay.notification.retries.poll-interval=100ms",
                "leadrelay.notification.operator-emails=" + RunningService.OPERATORS})
public abstract class RunningService {

    public static final String OPERATORS = "operators@leadrelay.test";
    public static final String OPERATOR = "Basic " + Base64.getEncoder()
            .encodeToString("operator:local-operator-password".getBytes(StandardCharsets.UTF_8));

    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    protected TestClock clock;

    @Autowired
    protected PartnerContacts partnerCopies;

    @Autowired
    protected ScriptedDns dns;

    @LocalServerPort
    protected int port;

    /** The tests' mail relay and lead-intake's key endpoint, for any context of the service. */
    @DynamicPropertySource
    public static void mailRelay(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", Smtp::port);
        // lead-intake's key endpoint, as the tests' leads were sealed there
        registry.add("leadrelay.notification.lead-keys.url", () -> LeadKeyServer.shared().url().toString());
        registry.add("leadrelay.notification.lead-keys.username", () -> LeadKeyServer.USERNAME);
        registry.add("leadrelay.notification.lead-keys.password", () -> LeadKeyServer.PASSWORD);
    }

    @AfterEach
    void putTheClockBack() {
        clock.reset();
    }

    /** Publishes the partner and waits until the service holds its copy, as in production, where a partner is registered long before its first lead. */
    protected PartnerUpserted known(TopicProbe kafka, PartnerUpserted partner) {
        kafka.publish(partner);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> partnerCopies.find(partner.partnerId()).isPresent());
        return partner;
    }

    protected URI service(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    protected HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of a Prometheus sample's values over the series whose labels include all of {@code labels} ({@code name="value"}). */
    protected double metric(String name, String... labels) throws IOException, InterruptedException {
        String scrape = get("/actuator/prometheus", null).body();
        double sum = 0;
        Matcher line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        while (line.find()) {
            String found = line.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.group(2));
            }
        }
        return sum;
    }
}
