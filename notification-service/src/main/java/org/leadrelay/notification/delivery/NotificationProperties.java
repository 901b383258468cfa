package org.leadrelay.notification.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Delivery settings ({@code leadrelay.notification.*}).
 *
 * @param from              the sender address of lead emails; its domain names emails' Message-IDs
 * @param webhookTimeout    how long a partner's endpoint has to answer a webhook, connection included
 * @param responseBodyLimit how much of an endpoint's answer is read, at most; the rest is dropped
 * @param senders           how many deliveries (emails, webhooks) may be under way at once
 * @param answerBaseUrl     where partners reach lead-router's answer pages and API
 * @param operatorEmails    who is told when a delivery gives up or an endpoint is disabled; none
 *                          to only log and count
 * @param shutdownGrace     how long a stopping instance lets attempts under way finish; an attempt
 *                          cut off is retried, with the same id, once its lease expires
 * @param smtpIdleTimeout   how long a connection to the mail relay is kept open, unused, for the
 *                          next email; zero opens a connection per email. Keep it below the relay's
 *                          own idle timeout (often 30 s to 5 min), though a connection the relay
 *                          closed is replaced without losing an attempt
 */
@ConfigurationProperties("leadrelay.notification")
public record NotificationProperties(@DefaultValue("leads@leadrelay.local") String from,
        @DefaultValue("15s") Duration webhookTimeout, @DefaultValue("4KB") DataSize responseBodyLimit,
        @DefaultValue("16") int senders, @DefaultValue("http://127.0.0.1:8083") URI answerBaseUrl,
        @DefaultValue List<String> operatorEmails, @DefaultValue("20s") Duration shutdownGrace,
        @DefaultValue("10s") Duration smtpIdleTimeout) {

    public NotificationProperties {
        operatorEmails = operatorEmails == null ? List.of() : List.copyOf(operatorEmails);
        if (smtpIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("leadrelay.notification.smtp-idle-timeout must not be negative, was " + smtpIdleTimeout);
        }
    }

    /** The domain of {@code from}, for Message-IDs. */
    public String mailDomain() {
        int at = from.lastIndexOf('@');
        return at < 0 ? "leadrelay.local" : from.substring(at + 1);
    }
}
