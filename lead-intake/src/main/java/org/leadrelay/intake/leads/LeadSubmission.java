package org.leadrelay.intake.leads;

import java.util.List;
import org.leadrelay.events.Origin;

/**
 * A customer's request as the website form or an API client sends it, before normalisation.
 * Spring-free, so the rules in {@link ReceivingLead} are plain Java.
 */
public record LeadSubmission(
        String name,
        String email,
        String phone,
        String company,
        List<String> products,
        List<String> services,
        List<String> operatingSystems,
        List<String> databases,
        List<String> applicationServers,
        String description,
        String country,
        String region,
        String city,
        String postalCode,
        Double latitude,
        Double longitude,
        String language,
        Integer employees,
        boolean consent,
        String source,
        Origin origin,
        String channel) {
}
