package org.leadrelay.notification.messages;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which language an email is written in: the contact's own, else the first of the partner's
 * languages there are templates for, else English.
 */
public final class Languages {

    public static final String FALLBACK = "en";

    private Languages() {
    }

    public static String choose(String contactLanguage, List<String> partnerLanguages, Collection<String> available) {
        String contact = normal(contactLanguage);
        if (contact != null && available.contains(contact)) {
            return contact;
        }
        return partnerLanguages.stream().map(Languages::normal).filter(available::contains).findFirst().orElse(FALLBACK);
    }

    private static String normal(String language) {
        return language == null || language.isBlank() ? null : language.strip().toLowerCase(Locale.ROOT);
    }
}
