package org.leadrelay.notification.delivery.channels;

import java.io.InterruptedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.leadrelay.events.Channel;
import org.leadrelay.events.WebhookSecrets;
import org.leadrelay.kit.webhooks.WebhookUrlPolicy;
import org.leadrelay.kit.webhooks.WebhookUrlPolicy.HostLookup;
import org.leadrelay.kit.webhooks.WebhookUrlPolicy.RefusedAddressException;
import org.leadrelay.notification.delivery.AttemptResult;
import org.leadrelay.notification.delivery.AttemptResult.Failed;
import org.leadrelay.notification.delivery.DeliveryChannel;
import org.leadrelay.notification.delivery.DeliveryJob;
import org.leadrelay.notification.delivery.DisabledEndpoints;
import org.leadrelay.notification.delivery.NotificationProperties;
import org.leadrelay.notification.delivery.Origins;
import org.leadrelay.notification.partners.PartnerContact;
import org.leadrelay.notification.partners.PartnerContacts;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Webhooks per the Standard Webhooks spec: the job's JSON body POSTed to the partner's URL as it is
 * at send time, with {@code webhook-id} (the job's, the same on every attempt: the partner's dedupe
 * key), {@code webhook-timestamp} (the attempt's) and {@code webhook-signature}: {@code v1,} and the
 * base64 HMAC-SHA256 of {@code id.timestamp.body}, once per secret generation that signs at send
 * time, space-separated, so during a rotation the old and the new secret both verify.
 *
 * <p>Safety at delivery: the host's addresses are checked when a connection is made to it, and the
 * connection goes to those very addresses ({@link CheckedAddresses}), so a DNS answer that changes
 * after the check (rebinding) never reaches a private address; redirects are never followed; the
 * whole exchange is bounded by the webhook timeout, and at most a few KB of the answer are read
 * and dropped. Connections are kept for the next webhook to the same endpoint.
 *
 * <p>Outcomes: 2xx is a delivery; 410 Gone disables the endpoint; 3xx, other 4xx and 5xx, time-outs
 * and connection failures are retried on the schedule, and 429, 502, 503 and 504 with Retry-After
 * are not retried before the endpoint asked. A host resolving to a refused address fails for good;
 * one that does not resolve is retried.
 */
@Component
class WebhookChannel implements DeliveryChannel, DisposableBean {

    static final String USER_AGENT = "LeadRelay-Webhooks/1";
    private static final ContentType JSON = ContentType.create("application/json");

    private final PartnerContacts partners;
    private final DisabledEndpoints disabled;
    private final WebhookSecrets secrets;
    private final WebhookUrlPolicy urls;
    private final NotificationProperties properties;
    private final Clock clock;
    private final CloseableHttpAsyncClient http;

    /** @param lookup how hosts are resolved: the system's resolver, unless a test scripts DNS answers */
    WebhookChannel(PartnerContacts partners, DisabledEndpoints disabled, WebhookSecrets secrets, WebhookUrlPolicy urls,
            ObjectProvider<HostLookup> lookup, NotificationProperties properties, Clock clock) {
        this.partners = partners;
        this.disabled = disabled;
        this.secrets = secrets;
        this.urls = urls.withLookup(lookup.getIfAvailable(HostLookup::system));
        this.properties = properties;
        this.clock = clock;
        this.http = client(this.urls, properties);
        this.http.start();
    }

    private static CloseableHttpAsyncClient client(WebhookUrlPolicy urls, NotificationProperties properties) {
        Timeout timeout = Timeout.ofMilliseconds(properties.webhookTimeout().toMillis());
        return HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedAddresses(urls))
                        .setTlsStrategy(new DefaultClientTlsStrategy(SSLContexts.createSystemDefault()))
                        .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                                .setHandshakeTimeout(timeout).build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2)).build())
                        // every sender may be calling a different endpoint; leases never wait
                        .setMaxConnTotal(properties.senders())
                        .setMaxConnPerRoute(properties.senders())
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(timeout).setResponseTimeout(timeout)
                        .setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                // failed attempts are retried on the delivery schedule, with their record and event
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .setUserAgent(USER_AGENT)
                .build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public Attempt prepare(DeliveryJob job) {
        Optional<PartnerContact> found = partners.find(job.partnerId());
        if (found.isEmpty()) {
            return new Settled("-", new AttemptResult.Cancelled("the partner is no longer known"));
        }
        PartnerContact partner = found.get();
        if (!partner.sendsWebhooks()) {
            return new Settled(Origins.of(partner.webhookUrl()), new AttemptResult.Cancelled("the partner switched webhooks off"));
        }
        URI url = partner.webhookUrl();
        String target = Origins.of(url);
        if (disabled.isDisabled(partner.id(), url)) {
            return new Settled(target, Failed.permanent("webhook: endpoint disabled after an HTTP 410 answer"));
        }
        // what the host resolves to is checked when connecting, by the resolver that gives the addresses to connect to
        Optional<String> refusal = urls.refusalBeforeResolving(url);
        if (refusal.isPresent()) {
            return new Settled(target, Failed.permanent("webhook URL refused: " + refusal.get()));
        }
        if (partner.signingGenerationsAt(clock.instant()).isEmpty()) {
            return new Settled(target, Failed.retryable("webhook: no signing secret valid now"));
        }
        return new Call(url.toString(), target, () -> send(partner, url, job));
    }

    private AttemptResult send(PartnerContact partner, URI url, DeliveryJob job) {
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        String body = job.webhook().body();
        List<Integer> generations = partner.signingGenerationsAt(now);
        String signatures = generations.stream()
                .map(generation -> WebhookSignature.sign(secrets.secretBytes(partner.id(), generation), job.messageId(), timestamp, body))
                .collect(Collectors.joining(" "));
        Duration timeout = properties.webhookTimeout();
        AsyncRequestProducer request = AsyncRequestBuilder.post(url)
                .addHeader("User-Agent", USER_AGENT)
                .addHeader("webhook-id", job.messageId())
                .addHeader("webhook-timestamp", Long.toString(timestamp))
                .addHeader("webhook-signature", signatures)
                .setEntity(AsyncEntityProducers.create(body.getBytes(StandardCharsets.UTF_8), JSON))
                .build();
        Future<LimitedBody.Answer> exchange = http.execute(request, new LimitedBody(properties.responseBodyLimit().toBytes()), null);
        LimitedBody.Answer answer;
        try {
            answer = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return Failed.retryable("webhook: no answer within " + timeout);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new AttemptResult.Abandoned("interrupted while the endpoint answered");
        } catch (CancellationException e) {
            return new AttemptResult.Abandoned("the webhook client was closed");
        } catch (ExecutionException e) {
            return failure(e.getCause() == null ? e : e.getCause(), timeout);
        }
        return outcome(answer, url, now);
    }

    private static AttemptResult failure(Throwable cause, Duration timeout) {
        for (Throwable reason = cause; reason != null; reason = reason.getCause()) {
            if (reason instanceof RefusedAddressException refused) {
                // an address in a private network will not become public
                return Failed.permanent("webhook URL refused: " + refused.reason());
            }
            if (reason instanceof UnknownHostException) {
                // a host that does not resolve may resolve later
                return Failed.retryable("webhook URL refused: " + WebhookUrlPolicy.DOES_NOT_RESOLVE);
            }
        }
        if (cause instanceof InterruptedIOException) {
            // a connect, handshake or response time-out
            return Failed.retryable("webhook: no answer within " + timeout);
        }
        return Failed.retryable("webhook: " + cause.getClass().getSimpleName());
    }

    static AttemptResult outcome(LimitedBody.Answer answer, URI url, Instant now) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return new AttemptResult.Delivered("HTTP " + status);
        }
        if (status == 410) {
            return new AttemptResult.Gone("webhook: HTTP 410 Gone", url);
        }
        if (status >= 300 && status < 400) {
            return Failed.retryable("webhook: HTTP " + status + ", redirects are not followed");
        }
        if (status == 429 || status == 502 || status == 503 || status == 504) {
            Duration retryAfter = RetryAfter.parse(answer.retryAfter(), now);
            return new Failed("webhook: HTTP " + status + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + " s"),
                    true, retryAfter);
        }
        return Failed.retryable("webhook: HTTP " + status);
    }

    /** After the deliveries stopped (a lifecycle bean, stopped before beans are destroyed): attempts still open are cut off. */
    @Override
    public void destroy() {
        http.close(CloseMode.IMMEDIATE);
    }
}
