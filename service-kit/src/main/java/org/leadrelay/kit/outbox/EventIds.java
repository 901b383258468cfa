package org.leadrelay.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from what caused the event, so doing the same work twice (a redelivered record,
 * a retried request) yields the same id, by which consumers recognise the repeat.
 */
public final class EventIds {

    private EventIds() {
    }

    /** A name-based UUID of the parts, for example {@code derived("lead-received", leadId)}. */
    public static UUID derived(Object... parts) {
        StringBuilder name = new StringBuilder();
        for (Object part : parts) {
            name.append(part).append('|');
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
    }
}
