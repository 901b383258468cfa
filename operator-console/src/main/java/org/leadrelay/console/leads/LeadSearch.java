package org.leadrelay.console.leads;

import java.time.Instant;
import java.util.UUID;

/**
 * What an operator looks for; every criterion left null matches every lead.
 *
 * @param emailKey {@link LeadStory#emailKey(String)} of the person's email (operators only)
 * @param from     received at or after
 * @param to       received before
 */
public record LeadSearch(LeadState state, UUID partnerId, String country, String emailKey, Instant from, Instant to, int limit) {

    public static final int MOST = 200;

    public LeadSearch {
        limit = Math.max(1, Math.min(limit, MOST));
        country = country == null || country.isBlank() ? null : country.strip().toUpperCase(java.util.Locale.ROOT);
    }

    public boolean isEmpty() {
        return state == null && partnerId == null && country == null && emailKey == null && from == null && to == null;
    }
}
