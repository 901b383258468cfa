package org.leadrelay.events;

/**
 * The person asking for help. Personal data: it never goes into logs or metric tags, and reaches a
 * partner only once the partner has accepted the lead.
 *
 * @param name    full name, optional
 * @param email   email address, required
 * @param phone   phone number in E.164 form, optional
 * @param company company name, optional
 */
public record Contact(String name, String email, String phone, String company) {

    /**
     * What stands in for an erased person's contact where a record must keep one: an address in the
     * reserved {@code .invalid} domain (RFC 2606), the same for everyone, so nothing of the person remains.
     */
    public static final Contact ERASED = new Contact(null, "erased@erased.invalid", null, null);

    public Contact {
        Require.text(email, "contact.email");
    }
}
