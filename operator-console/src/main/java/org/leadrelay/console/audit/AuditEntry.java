package org.leadrelay.console.audit;

import java.time.Instant;

/**
 * One action taken from the console.
 *
 * @param who     the signed-in operator's name
 * @param action  what was done, such as {@code lead.assigned}, {@code dead-letter.replayed}
 * @param target  what it was done to: a lead id, a partner id, a dead letter's id
 * @param detail  the operator's reason and the outcome, never personal data
 * @param outcome {@code done}, or why the owning service refused
 */
public record AuditEntry(Instant at, String who, String action, String target, String detail, String outcome) {
}
