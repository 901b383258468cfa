package org.leadrelay.router.routing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.LeadReceived;

/**
 * What the rules and components need of one lead, worked out once per decision rather than once
 * per partner. Its words (country, language, terms) are {@link String#intern interned}, as an
 * {@link RoutablePartner}'s are, so the rules compare them by identity.
 *
 * @param regionCode  the lead's region as an ISO 3166-2 code of its country (upper case), null when
 *                    the region is missing or free text
 * @param asked       the products and services asked for, lower case, without repeats
 * @param services    the services asked for (remote delivery is decided on these)
 * @param environment the customer's environment not already asked for
 * @param today       the day certifications are checked against (UTC)
 * @param tried       partners that already had this lead, with how it ended ({@code declined}, {@code expired})
 */
record RoutedLead(UUID leadId, String country, String region, String regionCode, Coordinates coordinates, String language,
        List<String> asked, List<String> services, List<String> environment, Instant now, LocalDate today,
        Map<UUID, String> tried) {

    RoutedLead {
        country = country.intern();
        language = language == null ? null : language.intern();
        asked = interned(asked);
        services = interned(services);
        environment = interned(environment);
    }

    private static List<String> interned(List<String> words) {
        List<String> interned = new ArrayList<>(words.size());
        for (String word : words) {
            interned.add(word.intern());
        }
        return List.copyOf(interned);
    }

    private static final Pattern ISO_3166_2 = Pattern.compile("[A-Za-z]{2}-[A-Za-z0-9]{1,3}");

    static RoutedLead of(LeadReceived lead, Map<UUID, String> tried, Instant now) {
        String country = lead.location().country().toUpperCase(Locale.ROOT);
        String region = lead.location().region();
        String regionCode = null;
        if (region != null && ISO_3166_2.matcher(region.strip()).matches()
                && region.strip().substring(0, 2).equalsIgnoreCase(country)) {
            regionCode = region.strip().toUpperCase(Locale.ROOT);
        }
        Set<String> asked = new LinkedHashSet<>();
        lead.need().products().forEach(term -> asked.add(term.toLowerCase(Locale.ROOT)));
        List<String> services = new ArrayList<>();
        lead.need().services().forEach(term -> {
            String service = term.toLowerCase(Locale.ROOT);
            asked.add(service);
            services.add(service);
        });
        Set<String> environment = new LinkedHashSet<>();
        var env = lead.need().environment();
        for (List<String> terms : List.of(env.operatingSystems(), env.databases(), env.applicationServers())) {
            terms.forEach(term -> environment.add(term.toLowerCase(Locale.ROOT)));
        }
        environment.removeAll(asked);
        return new RoutedLead(lead.leadId(), country, region, regionCode, lead.location().coordinates(), lead.language(),
                List.copyOf(asked), List.copyOf(services), List.copyOf(environment), now,
                LocalDate.ofInstant(now, ZoneOffset.UTC), tried == null ? Map.of() : tried);
    }

    /** Where the lead is, as the explanations name it. */
    String place() {
        return regionCode != null ? regionCode : region != null && !region.isBlank() ? country + " (" + region + ")" : country;
    }
}
