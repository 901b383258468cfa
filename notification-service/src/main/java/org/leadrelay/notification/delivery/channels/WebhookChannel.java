package org.leadrelay.notification.delivery.channels;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.leadrelay.events.Channel;
import org.leadrelay.events.LeadBrief;
import org.leadrelay.events.Score;
import org.leadrelay.events.WebhookSecrets;
import org.leadrelay.kit.webhooks.WebhookUrlPolicy;
import org.leadrelay.notification.delivery.DeliveryFailedException;
import org.leadrelay.notification.delivery.LeadOffer;
import org.leadrelay.notification.delivery.NotificationProperties;
import org.leadrelay.notification.delivery.PartnerChannel;
import org.leadrelay.notification.partners.PartnerContact;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lead offers as JSON POSTed to the partner's webhook URL, signed per the Standard Webhooks spec
 * with the partner's derived secret: with every secret generation that signs at send time, so
 * during a rotation the {@code webhook-signature} header carries the new and the old signature,
 * space-separated, and the partner's receiver verifies with whichever secret it holds. A 2xx answer
 * is a delivery; anything else is a failure with the status as reason. The URL is checked again at
 * send time, since what a host resolves to can change.
 */
@Component
@Order(2)
class WebhookChannel implements PartnerChannel {

    static final String EVENT_TYPE = "lead.offered";

    private final HttpClient http;
    private final WebhookSecrets secrets;
    private final WebhookUrlPolicy urls;
    private final NotificationProperties properties;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    WebhookChannel(WebhookSecrets secrets, WebhookUrlPolicy urls, NotificationProperties properties, Clock clock) {
        this.secrets = secrets;
        this.urls = urls;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public boolean reaches(PartnerContact partner) {
        return partner.sendsWebhooks();
    }

    @Override
    public void deliver(PartnerContact partner, LeadOffer offer, String deliveryId) throws DeliveryFailedException {
        URI url = partner.webhookUrl();
        String refusal = urls.refusal(url).orElse(null);
        if (refusal != null) {
            throw new DeliveryFailedException("webhook URL refused: " + refusal);
        }
        String body = json.writeValueAsString(new WebhookPayload(EVENT_TYPE, offer.leadId(), offer.assignmentId(),
                offer.partnerId(), offer.attempt(), offer.score(), offer.lead(), offer.respondBy(), offer.answerApi(),
                offer.answerPage()));
        String messageId = "msg_" + deliveryId.replace(":", "_");
        Instant now = clock.instant();
        List<Integer> generations = partner.signingGenerationsAt(now);
        if (generations.isEmpty()) {
            throw new DeliveryFailedException("webhook: no signing secret valid now");
        }
        long timestamp = now.getEpochSecond();
        String signatures = generations.stream()
                .map(generation -> WebhookSignature.sign(secrets.secretBytes(partner.id(), generation), messageId, timestamp, body))
                .collect(Collectors.joining(" "));
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(properties.webhookTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "LeadRelay-Webhooks/1")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signatures)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailedException("webhook: no answer within " + properties.webhookTimeout(), e);
        } catch (IOException e) {
            throw new DeliveryFailedException("webhook: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("webhook: interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryFailedException("webhook: HTTP " + response.statusCode());
        }
    }

    /**
     * The JSON body partners receive.
     *
     * @param answerUrl  where the partner's system POSTs {@code {"answer": "ACCEPT"}} or {@code {"answer": "DECLINE"}}
     * @param answerPage the same answer as a page for a person
     */
    record WebhookPayload(String type, UUID leadId, UUID assignmentId, UUID partnerId, int attempt, Score score,
            LeadBrief lead, Instant respondBy, URI answerUrl, URI answerPage) {
    }
}
