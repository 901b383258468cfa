package org.leadrelay.router.responses;

import org.leadrelay.events.AnswerTokens;
import org.leadrelay.events.LeadAssigned;

/** An offer as its partner sees it when following its link, with the answer given so far, if any. */
public record Offer(AnswerTokens.Claims claims, LeadAssigned assignment, RecordedAnswer answer) {
}
