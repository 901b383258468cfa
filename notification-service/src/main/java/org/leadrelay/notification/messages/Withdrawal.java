package org.leadrelay.notification.messages;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A lead offered to a partner has moved on: its deadline passed, or the lead went to another
 * partner. The partner learns why in general terms, never an operator's own words.
 *
 * @param lead what was asked and where, when this service delivered the offer; else null
 */
public record Withdrawal(UUID leadId, UUID assignmentId, UUID partnerId, Reason reason, Instant at, PartnerBrief lead) {

    public enum Reason {
        /** the partner did not answer before its deadline */
        EXPIRED,
        /** the partner declined */
        DECLINED,
        /** an operator moved the lead */
        OPERATOR,
        /** any other move, for example the lead was reopened */
        REASSIGNED;

        /** From {@code LeadReassigned.reason}: {@code expired}, {@code declined}, {@code operator: ...}, or anything else. */
        public static Reason of(String reassignedBecause) {
            String reason = reassignedBecause == null ? "" : reassignedBecause.toLowerCase(Locale.ROOT);
            if (reason.startsWith("expired") || reason.startsWith("deadline")) {
                return EXPIRED;
            }
            if (reason.startsWith("declined")) {
                return DECLINED;
            }
            if (reason.startsWith("operator")) {
                return OPERATOR;
            }
            return REASSIGNED;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
