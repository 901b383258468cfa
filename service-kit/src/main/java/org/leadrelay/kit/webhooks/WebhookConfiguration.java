package org.leadrelay.kit.webhooks;

import java.nio.charset.StandardCharsets;
import org.leadrelay.events.WebhookSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Active in the services that configure {@code leadrelay.webhooks.master-key}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("leadrelay.webhooks.master-key")
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    static final String DEVELOPMENT_KEY_MARK = "local-development-";
    private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

    @Bean
    WebhookSecrets webhookSecrets(WebhookProperties properties) {
        if (properties.masterKey().startsWith(DEVELOPMENT_KEY_MARK)) {
            log.warn("leadrelay.webhooks.master-key is the published development key: set LEADRELAY_WEBHOOKS_MASTER_KEY outside a local stack");
        }
        return new WebhookSecrets(properties.masterKey().getBytes(StandardCharsets.UTF_8));
    }

    @Bean
    WebhookUrlPolicy webhookUrlPolicy(WebhookProperties properties) {
        return new WebhookUrlPolicy(properties.allowedHosts());
    }
}
