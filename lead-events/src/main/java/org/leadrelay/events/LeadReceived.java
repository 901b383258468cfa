package org.leadrelay.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer asked for help and lead-intake accepted the request. Published on
 * {@link Topics#LEADS_RECEIVED}, keyed by leadId.
 *
 * @param language  the language the customer wants to be served in, ISO 639-1 lower case
 * @param employees the size of the customer's company in employees, optional
 * @param source    where the lead came from (for example {@code website-form}, {@code api})
 * @param origin    which form, page and campaign, when the sender says; optional
 */
public record LeadReceived(
        UUID leadId,
        Contact contact,
        Need need,
        Location location,
        String language,
        Integer employees,
        Consent consent,
        String source,
        Origin origin,
        Instant receivedAt) implements LeadRelayEvent {

    public LeadReceived {
        Require.present(leadId, "leadId");
        Require.present(contact, "contact");
        Require.present(need, "need");
        Require.present(location, "location");
        Require.text(language, "language");
        if (!language.matches("[a-z]{2}")) {
            throw new IllegalArgumentException("language must be an ISO 639-1 code in lower case");
        }
        if (employees != null && employees < 1) {
            throw new IllegalArgumentException("employees must be at least 1");
        }
        Require.present(consent, "consent");
        Require.text(source, "source");
        Require.present(receivedAt, "receivedAt");
    }

    public LeadReceived(UUID leadId, Contact contact, Need need, Location location, String language, Integer employees,
            Consent consent, String source, Instant receivedAt) {
        this(leadId, contact, need, location, language, employees, consent, source, null, receivedAt);
    }

    @Override
    public String key() {
        return leadId.toString();
    }

    /**
     * The lead with the person's data gone for good: the contact replaced by {@link Contact#ERASED},
     * the description (the customer's own words) dropped, and coordinates the sender gave (which may
     * be where the person is) dropped too; a gazetteer's city centre stays. What routing used stays:
     * the need's products, services and environment, the place, language, company size, consent and
     * origin.
     */
    public LeadReceived erased() {
        Location place = location.coordinatesSource() == CoordinatesSource.PROVIDED
                ? new Location(location.country(), location.region(), location.city(), location.postalCode(), null, null) : location;
        return new LeadReceived(leadId, Contact.ERASED, need.withoutDescription(), place,
                language, employees, consent, source, origin, receivedAt);
    }

    /** What a partner may know of the lead before accepting it: no contact details. */
    public LeadBrief brief() {
        return new LeadBrief(need, location.country(), location.region(), location.city(), language, employees);
    }
}
