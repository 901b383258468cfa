package org.leadrelay.router.assignment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Assignment settings ({@code leadrelay.router.*}).
 *
 * @param responseTime how long a partner has to accept or decline an offered lead
 */
@ConfigurationProperties("leadrelay.router")
public record RouterProperties(@DefaultValue("4h") Duration responseTime) {
}
