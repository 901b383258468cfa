package org.leadrelay.notification.delivery.channels;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.leadrelay.events.Channel;
import org.leadrelay.events.WebhookSecrets;
import org.leadrelay.kit.webhooks.WebhookUrlPolicy;
import org.leadrelay.notification.delivery.AttemptResult;
import org.leadrelay.notification.delivery.AttemptResult.Failed;
import org.leadrelay.notification.delivery.DeliveryChannel;
import org.leadrelay.notification.delivery.DeliveryJob;
import org.leadrelay.notification.delivery.DisabledEndpoints;
import org.leadrelay.notification.delivery.NotificationProperties;
import org.leadrelay.notification.delivery.Origins;
import org.leadrelay.notification.partners.PartnerContact;
import org.leadrelay.notification.partners.PartnerContacts;
import org.springframework.stereotype.Component;

/**
 * Webhooks per the Standard Webhooks spec: the job's JSON body POSTed to the partner's URL as it is
 * at send time, with {@code webhook-id} (the job's, the same on every attempt: the partner's dedupe
 * key), {@code webhook-timestamp} (the attempt's) and {@code webhook-signature}: {@code v1,} and the
 * base64 HMAC-SHA256 of {@code id.timestamp.body}, once per secret generation that signs at send
 * time, space-separated, so during a rotation the old and the new secret both verify.
 *
 * <p>Safety at delivery: the URL's addresses are checked again at send time (what a host resolves
 * to can change since the partner registered it); redirects are never followed; the whole exchange
 * is bounded by the webhook timeout, and at most a few KB of the answer are read and dropped.
 *
 * <p>Outcomes: 2xx is a delivery; 410 Gone disables the endpoint; 3xx, other 4xx and 5xx, time-outs
 * and connection failures are retried on the schedule, and 429, 502, 503 and 504 with Retry-After
 * are not retried before the endpoint asked.
 */
@Component
class WebhookChannel implements DeliveryChannel {

    static final String USER_AGENT = "LeadRelay-Webhooks/1";

    private final PartnerContacts partners;
    private final DisabledEndpoints disabled;
    private final WebhookSecrets secrets;
    private final WebhookUrlPolicy urls;
    private final NotificationProperties properties;
    private final Clock clock;
    private final HttpClient http;

    WebhookChannel(PartnerContacts partners, DisabledEndpoints disabled, WebhookSecrets secrets, WebhookUrlPolicy urls,
            NotificationProperties properties, Clock clock) {
        this.partners = partners;
        this.disabled = disabled;
        this.secrets = secrets;
        this.urls = urls;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.webhookTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
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
        Optional<String> refusal = urls.refusal(url);
        if (refusal.isPresent()) {
            // a host that does not resolve may resolve later; an address in a private network will not become public
            boolean transientRefusal = refusal.get().contains("does not resolve");
            return new Settled(target, new Failed("webhook URL refused: " + refusal.get(), transientRefusal, null));
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
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", job.messageId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signatures)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        CompletableFuture<HttpResponse<Long>> exchange = http.sendAsync(request,
                LimitedBody.upTo(properties.responseBodyLimit().toBytes()));
        HttpResponse<Long> response;
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return Failed.retryable("webhook: no answer within " + timeout);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new AttemptResult.Abandoned("interrupted while the endpoint answered");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return Failed.retryable("webhook: no answer within " + timeout);
            }
            if (cause instanceof IOException) {
                return Failed.retryable("webhook: " + cause.getClass().getSimpleName());
            }
            return Failed.retryable("webhook: " + (cause == null ? e : cause).getClass().getSimpleName());
        }
        return outcome(response, url, now);
    }

    static AttemptResult outcome(HttpResponse<?> response, URI url, Instant now) {
        int status = response.statusCode();
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
            Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), now);
            return new Failed("webhook: HTTP " + status + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + " s"),
                    true, retryAfter);
        }
        return Failed.retryable("webhook: HTTP " + status);
    }
}
