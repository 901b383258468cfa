package org.leadrelay.console.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.events.PassedOver;

/**
 * A lead waiting in the operators' queue, as its latest LeadUnroutable and its LeadReceived tell it.
 *
 * @param receivedAt       when intake took it (null while its LeadReceived has not arrived)
 * @param reason           why nobody could take it
 * @param passedOver       the partners that came closest, each with the rule that excluded it
 * @param passedOverCounts how many partners each rule excluded
 * @param decidedAt        when the router gave up
 * @param attempts         the offers the router made before
 */
public record UnroutableLead(UUID leadId, Instant receivedAt, String country, String city, List<String> asked, String reason,
        List<PassedOver> passedOver, Map<String, Integer> passedOverCounts, Instant decidedAt, int attempts) {

    public UnroutableLead {
        asked = asked == null ? List.of() : List.copyOf(asked);
        passedOver = passedOver == null ? List.of() : List.copyOf(passedOver);
        passedOverCounts = passedOverCounts == null ? Map.of() : Map.copyOf(passedOverCounts);
    }

    /** What the queue is ordered by: the lead's age, or the router's decision while the lead itself is unknown. */
    public Instant since() {
        return receivedAt != null ? receivedAt : decidedAt;
    }

    /**
     * The partners that would fit if a rule were relaxed, by that rule, in the router's order (those
     * that came closest first). The router words each as {@code rule: why}.
     */
    public Map<String, List<Suggestion>> suggestionsByRule() {
        Map<String, List<Suggestion>> byRule = new LinkedHashMap<>();
        for (PassedOver passed : passedOver) {
            Suggestion suggestion = Suggestion.of(passed);
            byRule.computeIfAbsent(suggestion.rule(), rule -> new ArrayList<>()).add(suggestion);
        }
        return byRule;
    }

    /** A partner an operator may give the lead to, with the rule it failed and the router's words. */
    public record Suggestion(UUID partnerId, String partnerName, String rule, String why) {

        static Suggestion of(PassedOver passed) {
            String reason = passed.reason();
            int colon = reason.indexOf(": ");
            if (colon > 0 && reason.substring(0, colon).matches("[a-z][a-z-]*")) {
                return new Suggestion(passed.partnerId(), passed.partnerName(), reason.substring(0, colon), reason.substring(colon + 2));
            }
            // the router's own words for a partner that filled up while the lead was being offered
            String rule = reason.startsWith("capacity") ? "capacity" : "other";
            return new Suggestion(passed.partnerId(), passed.partnerName(), rule, reason);
        }
    }
}
