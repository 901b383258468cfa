package org.leadrelay.kit.messaging;

import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.LeadRelayEvent;

/** An event as a consumer receives it: its CloudEvents context and its payload. */
public record ReceivedEvent<T extends LeadRelayEvent>(CloudEventHeaders.Context context, T event) {
}
