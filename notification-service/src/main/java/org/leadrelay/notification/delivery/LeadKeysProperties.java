package org.leadrelay.notification.delivery;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this service reads leads' keys from lead-intake ({@code leadrelay.notification.lead-keys.*}):
 * with a key reader's account there ({@code leadrelay.intake.security.services.<username>}).
 *
 * @param url      lead-intake's base URL
 * @param timeout  how long a key request may take before the record is retried
 */
@ConfigurationProperties("leadrelay.notification.lead-keys")
public record LeadKeysProperties(URI url, String username, String password, @DefaultValue("5s") Duration timeout) {
}
