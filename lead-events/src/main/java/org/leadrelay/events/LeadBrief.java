package org.leadrelay.events;

import java.util.ArrayList;
import java.util.List;

/**
 * What a partner learns of a lead when it is offered: the need and the place, never the contact.
 * Contact details reach the partner only once it has accepted.
 *
 * @param personal the lead's personal data, sealed (ADR 0012), from which the notification service
 *                 takes the customer's description for the offer; absent once the lead was erased
 */
public record LeadBrief(Need need, String country, String region, String city, String language, Integer employees,
        Sealed personal) {

    public LeadBrief(Need need, String country, String region, String city, String language, Integer employees) {
        this(need, country, region, city, language, employees, null);
    }

    /** The brief without the sealed personal data; the rest describes no one. */
    public LeadBrief erased() {
        return personal == null ? this : new LeadBrief(need, country, region, city, language, employees, null);
    }

    public LeadBrief {
        Require.present(need, "lead.need");
        Require.countryCode(country, "lead.country");
        Require.text(language, "lead.language");
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
}
