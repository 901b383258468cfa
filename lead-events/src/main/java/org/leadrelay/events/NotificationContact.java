package org.leadrelay.events;

/**
 * A person or mailbox at the partner who is told about leads.
 *
 * @param email    the address
 * @param language ISO 639-1 code of the language emails to it are written in, optional
 */
public record NotificationContact(String email, String language) {

    public NotificationContact {
        Require.text(email, "contacts.email");
    }
}
