package org.leadrelay.events;

/**
 * What of a lead names a person, and so never travels in clear (ADR 0012): the contact details and
 * the customer's own words. It travels {@link Sealed} under the lead's {@link LeadKey}.
 *
 * @param contact     who asked
 * @param description the customer's own words about the need, optional
 */
public record PersonalData(Contact contact, String description) {

    public PersonalData {
        Require.present(contact, "contact");
    }
}
