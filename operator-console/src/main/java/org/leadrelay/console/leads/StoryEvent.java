package org.leadrelay.console.leads;

import java.time.Instant;

/**
 * One event of a lead's story as the console keeps it: the CloudEvents id (what makes recording
 * idempotent), the type, the topic it came from, the event's own time, and its JSON payload.
 */
public record StoryEvent(String id, String type, String topic, Instant time, String json) {
}
