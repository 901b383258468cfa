package org.leadrelay.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer asked for help and lead-intake accepted the request. Published on
 * {@link Topics#LEADS_RECEIVED}, keyed by leadId. What names the person (the contact, the customer's
 * own words) travels {@link Sealed} under the lead's key (ADR 0012); what routing needs is in clear.
 *
 * @param personal  the contact and description, sealed; absent only in a service's own copy of an
 *                  erased lead, never on a topic
 * @param language  the language the customer wants to be served in, ISO 639-1 lower case
 * @param employees the size of the customer's company in employees, optional
 * @param source    where the lead came from (for example {@code website-form}, {@code api})
 * @param origin    which form, page and campaign, when the sender says; optional
 */
public record LeadReceived(
        UUID leadId,
        Sealed personal,
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

    public LeadReceived(UUID leadId, Sealed personal, Need need, Location location, String language, Integer employees,
            Consent consent, String source, Instant receivedAt) {
        this(leadId, personal, need, location, language, employees, consent, source, null, receivedAt);
    }

    @Override
    public String key() {
        return leadId.toString();
    }

    /**
     * The lead with the person's data gone for good, as a service keeps its copy of an erased lead:
     * the sealed personal data dropped (unreadable anyway once the key is deleted), and coordinates
     * the sender gave (which may be where the person is) dropped too; a gazetteer's city centre
     * stays. What routing used stays: the need, the place, language, company size, consent and origin.
     */
    public LeadReceived erased() {
        Location place = location.coordinatesSource() == CoordinatesSource.PROVIDED
                ? new Location(location.country(), location.region(), location.city(), location.postalCode(), null, null) : location;
        return new LeadReceived(leadId, null, need, place,
                language, employees, consent, source, origin, receivedAt);
    }

    /**
     * What a partner is offered: the need and the place in clear, and the sealed personal data, from
     * which the notification service takes the customer's description (never the contact) for the offer.
     */
    public LeadBrief brief() {
        return new LeadBrief(need, location.country(), location.region(), location.city(), language, employees, personal);
    }
}
