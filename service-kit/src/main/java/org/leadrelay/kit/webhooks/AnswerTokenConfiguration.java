package org.leadrelay.kit.webhooks;

import java.nio.charset.StandardCharsets;
import org.leadrelay.events.AnswerTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Partners' answer tokens, in the services that set {@code leadrelay.answers.signing-key} (the
 * notification service issues them, lead-router checks them; the key must be the same in both;
 * checked at start: StartupSafety).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("leadrelay.answers.signing-key")
public class AnswerTokenConfiguration {

    @Bean
    AnswerTokens answerTokens(@Value("${leadrelay.answers.signing-key}") String key,
            @Value("${leadrelay.answers.previous-signing-keys:}") java.util.List<String> previous) {
        // keys being rotated out: links they signed stay valid until their offers' deadlines
        return new AnswerTokens(key.getBytes(StandardCharsets.UTF_8), previous.stream().filter(old -> !old.isBlank())
                .map(old -> old.strip().getBytes(StandardCharsets.UTF_8)).toList());
    }
}
