package org.leadrelay.notification.messages;

import java.util.ArrayList;
import java.util.List;
import org.leadrelay.events.Environment;
import org.leadrelay.events.LeadBrief;

/**
 * What a partner is told of a lead, in emails and in the webhooks' {@code lead}: the need, with the
 * customer's own words when this service could open the lead's sealed data (ADR 0012), and the
 * place. Never the sealed data itself: a partner has no use for it.
 *
 * @param need the need, with the customer's description when known
 */
public record PartnerBrief(PartnerNeed need, String country, String region, String city, String language, Integer employees) {

    /** The brief of an offer, with the description opened from the lead's sealed data, or none. */
    public static PartnerBrief of(LeadBrief brief, String description) {
        return new PartnerBrief(new PartnerNeed(brief.need().products(), brief.need().services(), brief.need().environment(), description),
                brief.country(), brief.region(), brief.city(), brief.language(), brief.employees());
    }

    /** The products and services asked for, in the customer's order. */
    public List<String> asked() {
        List<String> asked = new ArrayList<>(need.products());
        asked.addAll(need.services());
        return asked;
    }

    /** "City, CC", or the country alone. */
    public String place() {
        return city == null ? country : city + ", " + country;
    }

    /**
     * The need as a partner reads it.
     *
     * @param description the customer's own words, when known
     */
    public record PartnerNeed(List<String> products, List<String> services, Environment environment, String description) {
    }
}
