package org.leadrelay.notification.delivery;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Partners' webhook endpoints that answered 410 Gone. An endpoint stays disabled until the
 * partner's webhook URL changes or an operator enables it again.
 */
public interface DisabledEndpoints {

    /** Disables the partner's endpoint at that URL; true when it was not disabled already. */
    boolean disable(UUID partnerId, URI url, String reason, Instant at);

    /** Whether the partner's endpoint at that URL is disabled (a new URL is not). */
    boolean isDisabled(UUID partnerId, URI url);

    List<Disabled> all();

    /** Enables the partner's endpoint again; false when it was not disabled. */
    boolean enable(UUID partnerId);

    /**
     * @param origin the endpoint's scheme, host and port: its path may carry a partner's token
     */
    record Disabled(UUID partnerId, String origin, String reason, Instant disabledAt) {
    }
}
