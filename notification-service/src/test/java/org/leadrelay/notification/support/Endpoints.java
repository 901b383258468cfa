package org.leadrelay.notification.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/** Partners' webhook endpoints in the tests: one WireMock server for the JVM, a path per partner. */
public final class Endpoints {

    private static WireMockServer server;

    private Endpoints() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(40)
                    .asynchronousResponseEnabled(true).asynchronousResponseThreads(20));
            server.start();
            // a partner's endpoint takes webhooks unless a test scripts it otherwise
            server.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().withStatus(204)));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wiremock-stop"));
        }
        return server;
    }

    public static URI url(String path) {
        // the allow-list names 127.0.0.1, as the local stack's does
        return URI.create("http://127.0.0.1:" + server().port() + path);
    }

    /** Every request that reached the path, in the order they arrived. */
    public static List<ServeEvent> requests(String path) {
        return server().getAllServeEvents().stream().filter(event -> event.getRequest().getUrl().equals(path))
                .sorted(java.util.Comparator.comparing(event -> event.getRequest().getLoggedDate())).toList();
    }

    public static List<ServeEvent> awaitRequests(String path, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> requests(path), found -> found.size() >= count);
    }

    /** How many requests to the path got an answer with that status (a dropped connection is no answer). */
    public static long answered(String path, int status) {
        return requests(path).stream().filter(event -> event.getResponseDefinition().getFault() == null).map(ServeEvent::getResponse)
                .filter(java.util.Objects::nonNull).mapToInt(LoggedResponse::getStatus).filter(answer -> answer == status).count();
    }
}
