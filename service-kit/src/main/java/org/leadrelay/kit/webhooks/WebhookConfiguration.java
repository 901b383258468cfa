package org.leadrelay.kit.webhooks;

import java.nio.charset.StandardCharsets;
import org.leadrelay.events.WebhookSecrets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Active in the services that configure {@code leadrelay.webhooks.master-key} (checked at start: StartupSafety). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("leadrelay.webhooks.master-key")
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {


    @Bean
    WebhookSecrets webhookSecrets(WebhookProperties properties) {
        return new WebhookSecrets(properties.masterKey().getBytes(StandardCharsets.UTF_8));
    }

    @Bean
    WebhookUrlPolicy webhookUrlPolicy(WebhookProperties properties) {
        return new WebhookUrlPolicy(properties.allowedHosts());
    }
}
