package org.leadrelay.directory.partners;

import java.net.URI;
import java.util.List;

/** What an operator gives to register a partner, already validated field by field. */
public record PartnerRegistration(
        String name,
        Tier tier,
        List<String> countries,
        List<String> specialities,
        List<String> languages,
        int capacity,
        String notificationEmail,
        URI webhookUrl) {
}
