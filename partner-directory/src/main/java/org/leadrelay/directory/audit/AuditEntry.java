package org.leadrelay.directory.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One change to a partner.
 *
 * @param actor    who made it: an operator's account or token subject, or {@code partner:<id>}
 * @param action   what they did ({@code created}, {@code updated}, {@code paused}, ...)
 * @param revision the partner's revision after the change
 * @param changes  each changed field with its value before and after, as JSON text
 */
public record AuditEntry(UUID id, UUID partnerId, long revision, Instant at, String actor, String action, List<Change> changes) {

    public AuditEntry {
        changes = List.copyOf(changes);
    }

    /**
     * @param field  a JSON pointer into the partner as the API shows it ({@code /capacity})
     * @param before the JSON text of the value before, null when absent
     * @param after  the JSON text of the value after, null when absent
     */
    public record Change(String field, String before, String after) {
    }
}
