package org.leadrelay.router.responses;

import java.time.Instant;
import java.util.UUID;

/** A partner's answer to one offer. The first answer to an offer is the answer. */
public record RecordedAnswer(UUID assignmentId, UUID leadId, UUID partnerId, Answer answer, String reason, Instant answeredAt) {
}
