package org.leadrelay.console.deliveries;

import java.time.Instant;
import java.util.UUID;

/**
 * A partner's webhook endpoint that notification-service disabled after it answered 410 Gone, as
 * its operator API lists it.
 *
 * @param origin the endpoint's scheme, host and port (its path may carry a partner's token, so it is not shown)
 */
public record DisabledEndpoint(UUID partnerId, String origin, String reason, Instant disabledAt) {
}
