package org.leadrelay.console.leads;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an operator looks for; every criterion left null matches every lead.
 *
 * @param leadIds  the leads of one person, as lead-intake found them by their email (operators only;
 *                 the console holds no address); null when the search is not by person
 * @param from     received at or after
 * @param to       received before
 */
public record LeadSearch(LeadState state, UUID partnerId, String country, List<UUID> leadIds, Instant from, Instant to, int limit) {

    public static final int MOST = 200;

    public LeadSearch {
        limit = Math.max(1, Math.min(limit, MOST));
        country = country == null || country.isBlank() ? null : country.strip().toUpperCase(java.util.Locale.ROOT);
        leadIds = leadIds == null ? null : List.copyOf(leadIds);
    }

    public boolean isEmpty() {
        return state == null && partnerId == null && country == null && leadIds == null && from == null && to == null;
    }
}
