package org.leadrelay.notification.delivery;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery settings ({@code leadrelay.notification.*}).
 *
 * @param from           the sender address of lead emails
 * @param webhookTimeout how long a partner's endpoint has to answer a webhook
 * @param senders        how many deliveries (emails, webhooks) may be under way at once
 * @param answerBaseUrl  where partners reach lead-router's answer pages and API
 */
@ConfigurationProperties("leadrelay.notification")
public record NotificationProperties(@DefaultValue("leads@leadrelay.local") String from,
        @DefaultValue("5s") Duration webhookTimeout, @DefaultValue("16") int senders,
        @DefaultValue("http://127.0.0.1:8083") URI answerBaseUrl) {
}
