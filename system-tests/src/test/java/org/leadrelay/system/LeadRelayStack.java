package org.leadrelay.system;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.bson.UuidRepresentation;
import org.leadrelay.testing.Infrastructure;
import java.util.ArrayList;
import java.util.List;
import org.leadrelay.console.ConsoleApplication;
import org.leadrelay.directory.PartnerDirectoryApplication;
import org.leadrelay.intake.LeadIntakeApplication;
import org.leadrelay.notification.NotificationServiceApplication;
import org.leadrelay.router.LeadRouterApplication;
import org.leadrelay.router.partners.PartnerReplica;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four services of the lead path, each its own Spring context on its own port, against the
 * shared broker and database of the test JVM, and the operator console when a test asks for it.
 * Settings are passed as command-line arguments, which outrank each service's own configuration
 * file.
 */
final class LeadRelayStack implements AutoCloseable {

    /** The development operator account of partner-directory's configuration. */
    static final String OPERATOR = "Basic " + java.util.Base64.getEncoder().encodeToString(
            "operator:local-operator-password".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static final String SECURITY_AUTO_CONFIGURATION = String.join(",",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration");

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final MongoClient mongo = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(Infrastructure.shared().mongoUri()))
            .uuidRepresentation(UuidRepresentation.STANDARD).build());
    final URI intake;
    final URI directory;
    final URI router;
    final URI notification;
    /** operator-console, once {@link #withConsole} started it. */
    URI console;
    private final String[] extraArguments;
    /** The partners the router routes from: its in-memory replica of partners.v1. */
    private final PartnerReplica routerReplica;

    LeadRelayStack(int smtpPort, String... extraArguments) {
        this.extraArguments = extraArguments;
        directory = start(PartnerDirectoryApplication.application(), extraArguments);
        // one classpath serves all four here: Spring Security, which lead-intake does not have in its own jar,
        // must not lock intake's endpoints (the other three have their own operator sign-in)
        String[] withoutSecurity = concat(extraArguments, "--spring.autoconfigure.exclude=" + SECURITY_AUTO_CONFIGURATION);
        router = start(LeadRouterApplication.application(), extraArguments); // the router has its own operator sign-in
        routerReplica = contexts.get(contexts.size() - 1).getBean(PartnerReplica.class);
        // every test client posts from 127.0.0.1: the per-client rate limit is tested in lead-intake
        // intake's operator account (it has none by default) asks erasures, as the other services' development one;
        // its key reader account is the notification service's, which opens leads' sealed data with their keys
        intake = start(LeadIntakeApplication.application(), concat(withoutSecurity, "--leadrelay.intake.leads-per-minute-per-client=1000000",
                "--leadrelay.intake.security.operators.operator={noop}local-operator-password",
                "--leadrelay.intake.security.services.notification={noop}local-key-reader-password"));
        notification = start(NotificationServiceApplication.application(), concat(extraArguments, "--spring.mail.port=" + smtpPort,
                "--leadrelay.notification.answer-base-url=" + router, "--leadrelay.notification.lead-keys.url=" + intake));
    }

    /**
     * Starts operator-console too, acting through this stack's router, notification service,
     * directory and intake with their development operator account. It keeps its own security (form sign-in,
     * roles, CSRF): no exclusion as for lead-intake.
     */
    LeadRelayStack withConsole() {
        List<String> arguments = new ArrayList<>();
        for (var service : java.util.Map.of("router", router, "notification", notification, "directory", directory, "intake", intake)
                .entrySet()) {
            arguments.add("--leadrelay.console.services." + service.getKey() + ".url=" + service.getValue());
        }
        console = start(ConsoleApplication.application(), concat(extraArguments, arguments.toArray(String[]::new)));
        return this;
    }

    /**
     * Waits until the router and the notification service both hold their copy of the partners, as
     * in production, where a partner is registered long before its first lead.
     */
    void awaitPartnersCopied(Collection<UUID> partnerIds) {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> copies("lead-router", partnerIds) == partnerIds.size()
                        && partnerIds.stream().allMatch(id -> routerReplica.holds(id, 1))
                        && copies("notification-service", partnerIds) == partnerIds.size());
    }

    /** The shared database server, every service's database on it. */
    MongoClient mongo() {
        return mongo;
    }

    /** The state of the lead's story in the console's read model, or null before it has one. */
    String consoleStoryState(UUID leadId) {
        org.bson.Document story = mongo.getDatabase("operator-console").getCollection("leads").find(Filters.eq("_id", leadId)).first();
        return story == null ? null : story.getString("state");
    }

    private long copies(String service, Collection<UUID> partnerIds) {
        return mongo.getDatabase(service).getCollection("partners")
                .countDocuments(Filters.in("_id", partnerIds));
    }

    private URI start(SpringApplicationBuilder application, String... arguments) {
        // one logging system serves the whole JVM: the first service's name would label every line
        ConfigurableApplicationContext context = application.run(concat(arguments, "--server.port=0",
                "--logging.include-application-name=false"));
        contexts.add(context);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port);
    }

    private static String[] concat(String[] arguments, String... more) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Override
    public void close() {
        mongo.close();
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
    }
}
