package org.leadrelay.bench;

import java.net.InetAddress;
import java.net.URI;
import java.util.function.Consumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts leads to lead-intake without blocking the pacer: Apache HttpClient 5's asynchronous client,
 * each connection bound to the lead's source address (the JDK's HttpClient cannot bind one). The
 * source address is part of the route, so each address keeps its own pooled connections. A lead
 * whose connection is not free yet waits in the pool, and that wait counts in its latency.
 */
final class LeadSender implements AutoCloseable {

    private static final String SOURCE = "leadrelay.bench.source-address";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CloseableHttpAsyncClient client;
    private final URI leads;

    LeadSender(URI leads, int connections) {
        this.leads = leads;
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(perAddress(connections))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5))
                                .setSocketTimeout(Timeout.ofSeconds(60))
                                .build())
                        .build())
                .setRoutePlanner(new FromSourceAddress())
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofMinutes(10))
                        .setResponseTimeout(Timeout.ofSeconds(60))
                        .build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
        client.start();
    }

    /**
     * Connections each source address may hold. The pool's total is shared by every address, so with
     * fewer connections than addresses each post would close another address's idle connection and
     * open its own: a new TCP connection per lead, which is not what a website's visitors cost.
     */
    static int perAddress(int connections) {
        return Math.max(2, (connections + SourceAddresses.count() - 1) / SourceAddresses.count());
    }

    /** Sends one lead; {@code answered} gets the outcome on the client's I/O thread. */
    void post(long lead, long dueNanos, InetAddress source, String json, Consumer<Post> answered) {
        SimpleHttpRequest request = SimpleRequestBuilder.post(leads).setBody(json, ContentType.APPLICATION_JSON).build();
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(SOURCE, source);
        client.execute(request, context, new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                long now = System.nanoTime();
                answered.accept(outcome(lead, dueNanos, now, response.getCode(), response.getBodyText()));
            }

            @Override
            public void failed(Exception e) {
                answered.accept(new Post(lead, dueNanos, System.nanoTime(), 0, null, false, e.getClass().getSimpleName()));
            }

            @Override
            public void cancelled() {
                answered.accept(new Post(lead, dueNanos, System.nanoTime(), 0, null, false, "cancelled"));
            }
        });
    }

    static Post outcome(long lead, long dueNanos, long answeredNanos, int status, String body) {
        if (status != 202 || body == null) {
            return new Post(lead, dueNanos, answeredNanos, status, null, false, null);
        }
        JsonNode answer = JSON.readTree(body);
        JsonNode leadId = answer.get("leadId");
        JsonNode state = answer.get("status");
        return new Post(lead, dueNanos, answeredNanos, status, leadId == null ? null : leadId.asString(),
                state != null && "duplicate".equals(state.asString()), null);
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    /** Binds each connection to the source address the request's context names. */
    private static final class FromSourceAddress extends DefaultRoutePlanner {

        FromSourceAddress() {
            super(DefaultSchemePortResolver.INSTANCE);
        }

        @Override
        protected InetAddress determineLocalAddress(HttpHost target, HttpContext context) {
            return context.getAttribute(SOURCE) instanceof InetAddress source ? source : null;
        }
    }
}
