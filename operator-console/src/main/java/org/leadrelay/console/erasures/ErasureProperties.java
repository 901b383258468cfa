package org.leadrelay.console.erasures;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How erasures are followed.
 *
 * @param deadline how long an erasure may take to be done everywhere before it shows as overdue (default 24 h)
 * @param services the services that must report each erasure done, besides intake (which published it) and
 *                 this console (which is done once it has recorded it)
 */
@ConfigurationProperties("leadrelay.console.erasures")
public record ErasureProperties(Duration deadline, List<String> services) {

    public ErasureProperties {
        deadline = deadline == null ? Duration.ofHours(24) : deadline;
        services = services == null || services.isEmpty() ? List.of("lead-router", "notification-service") : List.copyOf(services);
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("leadrelay.console.erasures.deadline must be positive");
        }
    }
}
