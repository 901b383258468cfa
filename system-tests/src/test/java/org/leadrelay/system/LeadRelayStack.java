package org.leadrelay.system;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.leadrelay.directory.PartnerDirectoryApplication;
import org.leadrelay.intake.LeadIntakeApplication;
import org.leadrelay.notification.NotificationServiceApplication;
import org.leadrelay.router.LeadRouterApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four services, each its own Spring context on its own port, against the shared broker and
 * database of the test JVM. Settings are passed as command-line arguments, which outrank each
 * service's own configuration file.
 */
final class LeadRelayStack implements AutoCloseable {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    final URI intake;
    final URI directory;
    final URI router;
    final URI notification;

    LeadRelayStack(int smtpPort, String... extraArguments) {
        directory = start(PartnerDirectoryApplication.application(), extraArguments);
        router = start(LeadRouterApplication.application(), extraArguments);
        notification = start(NotificationServiceApplication.application(), concat(extraArguments, "--spring.mail.port=" + smtpPort));
        intake = start(LeadIntakeApplication.application(), extraArguments);
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
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
    }
}
