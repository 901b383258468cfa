package org.leadrelay.events;

/**
 * What a partner learns of a lead when it is offered: the need and the place, never the contact.
 * Contact details reach the partner only once it has accepted.
 */
public record LeadBrief(Need need, String country, String region, String city, String language, Integer employees) {

    public LeadBrief {
        Require.present(need, "lead.need");
        Require.countryCode(country, "lead.country");
        Require.text(language, "lead.language");
    }
}
