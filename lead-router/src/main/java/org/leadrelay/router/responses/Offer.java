package org.leadrelay.router.responses;

import java.time.Instant;
import org.leadrelay.events.AnswerTokens;
import org.leadrelay.events.LeadBrief;

/**
 * An offer as its partner sees it when following its link, with the answer given so far, if any.
 *
 * @param lead what the partner may know of the lead before accepting
 */
public record Offer(AnswerTokens.Claims claims, String partnerName, LeadBrief lead, Instant respondBy, RecordedAnswer answer) {
}
