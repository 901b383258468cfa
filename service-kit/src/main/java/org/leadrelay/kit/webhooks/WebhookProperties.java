package org.leadrelay.kit.webhooks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Partner webhook settings ({@code leadrelay.webhooks.*}), shared by the partner directory and the
 * notification service.
 *
 * @param masterKey    the key every partner's signing secret is derived from; at least 32
 *                     characters, the same in both services, never the development default in
 *                     production
 * @param allowedHosts hosts that may receive webhooks even though they resolve to a private,
 *                     loopback or link-local address, over plain http too (the local demo)
 */
@ConfigurationProperties("leadrelay.webhooks")
public record WebhookProperties(String masterKey, @DefaultValue List<String> allowedHosts) {

    public WebhookProperties {
        if (masterKey == null || masterKey.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("leadrelay.webhooks.master-key must have at least 32 characters");
        }
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }
}
