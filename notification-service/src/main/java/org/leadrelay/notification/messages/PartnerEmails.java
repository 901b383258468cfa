package org.leadrelay.notification.messages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.events.Contact;
import org.leadrelay.events.ScoreComponent;
import org.springframework.stereotype.Component;

/**
 * The emails partners and operators get, with the facts each template may use. Times are written in
 * the reader's time zone and language; the customer's contact details appear only in the
 * acceptance email.
 */
@Component
public class PartnerEmails {

    /** How score criteria read in French; the router's reasons stay in its own words. */
    private static final Map<String, String> FRENCH_CRITERIA = Map.ofEntries(Map.entry("speciality", "spécialités"),
            Map.entry("language", "langue"), Map.entry("tier", "niveau de partenariat"), Map.entry("distance", "distance"),
            Map.entry("headroom", "disponibilité"), Map.entry("responsiveness", "réactivité"), Map.entry("fairness", "équité"),
            Map.entry("operator", "opérateur"), Map.entry("coverage", "couverture"), Map.entry("capacity", "capacité"));

    private final EmailTemplates templates;

    public PartnerEmails(EmailTemplates templates) {
        this.templates = templates;
    }

    /** The languages there are templates for. */
    public java.util.Set<String> languages() {
        return templates.languages();
    }

    public EmailText offer(LeadOffer offer, String partnerName, ZoneId zone, String language) {
        Locale locale = Locale.forLanguageTag(language);
        Map<String, Object> model = lead(offer.lead(), locale);
        model.put("partnerName", partnerName);
        model.put("reassigned", offer.reassigned());
        model.put("deadline", when(offer.respondBy(), zone, locale));
        model.put("score", points(offer.score().total()));
        List<Map<String, Object>> components = new ArrayList<>();
        for (ScoreComponent component : offer.score().components()) {
            components.add(Map.of("criterion", criterion(component.criterion(), language), "points", points(component.points()),
                    "reason", component.reason()));
        }
        model.put("components", components);
        model.put("acceptUrl", offer.acceptPage().toString());
        model.put("declineUrl", offer.declinePage().toString());
        model.put("answerPage", offer.answerPage().toString());
        model.put("leadId", offer.leadId().toString());
        model.put("assignmentId", offer.assignmentId().toString());
        return templates.render("offer", language, model);
    }

    public EmailText acceptance(Acceptance acceptance, String partnerName, ZoneId zone, String language) {
        Locale locale = Locale.forLanguageTag(language);
        Map<String, Object> model = acceptance.lead() == null ? new LinkedHashMap<>() : lead(acceptance.lead(), locale);
        model.put("known", acceptance.lead() != null);
        model.put("partnerName", partnerName);
        model.put("acceptedAt", when(acceptance.acceptedAt(), zone, locale));
        Contact contact = acceptance.contact();
        model.put("hasContact", contact != null);
        if (contact != null) {
            model.put("contactName", contact.name());
            model.put("contactEmail", contact.email());
            model.put("contactPhone", contact.phone());
            model.put("contactCompany", contact.company());
        }
        model.put("leadId", acceptance.leadId().toString());
        model.put("assignmentId", acceptance.assignmentId().toString());
        return templates.render("accepted", language, model);
    }

    public EmailText withdrawal(Withdrawal withdrawal, String partnerName, ZoneId zone, String language) {
        Locale locale = Locale.forLanguageTag(language);
        Map<String, Object> model = withdrawal.lead() == null ? new LinkedHashMap<>() : lead(withdrawal.lead(), locale);
        model.put("known", withdrawal.lead() != null);
        model.put("partnerName", partnerName);
        model.put("reason", withdrawal.reason().code());
        model.put("at", when(withdrawal.at(), zone, locale));
        model.put("leadId", withdrawal.leadId().toString());
        model.put("assignmentId", withdrawal.assignmentId().toString());
        return templates.render("withdrawn", language, model);
    }

    /** Asks a partner told of an erased lead to delete what it holds of the person. */
    public EmailText erasure(Erasure erasure, String partnerName, ZoneId zone, String language) {
        Locale locale = Locale.forLanguageTag(language);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("partnerName", partnerName);
        model.put("accepted", erasure.accepted());
        model.put("erasedAt", when(erasure.erasedAt(), zone, locale));
        model.put("leadId", erasure.leadId().toString());
        model.put("leadShort", erasure.leadId().toString().substring(0, 8));
        model.put("assignments", erasure.assignmentIds().stream().map(UUID::toString).toList());
        return templates.render("erased", language, model);
    }

    /** Tells the operators that a delivery gave up; names the partner and the lead, never an address or the customer. */
    public EmailText deliveryExhausted(Map<String, Object> facts) {
        return templates.render("delivery-exhausted", Languages.FALLBACK, new LinkedHashMap<>(facts));
    }

    /** Tells the operators that a partner's endpoint answered 410 Gone and receives no more webhooks. */
    public EmailText endpointDisabled(Map<String, Object> facts) {
        return templates.render("endpoint-disabled", Languages.FALLBACK, new LinkedHashMap<>(facts));
    }

    private static Map<String, Object> lead(PartnerBrief lead, Locale locale) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("asked", String.join(", ", lead.asked()));
        model.put("products", lead.need().products());
        model.put("services", lead.need().services());
        List<String> environment = new ArrayList<>(lead.need().environment().operatingSystems());
        environment.addAll(lead.need().environment().databases());
        environment.addAll(lead.need().environment().applicationServers());
        model.put("environment", environment);
        model.put("description", lead.need().description());
        model.put("placeShort", lead.place());
        List<String> place = new ArrayList<>();
        if (lead.city() != null) {
            place.add(lead.city());
        }
        if (lead.region() != null) {
            place.add(lead.region());
        }
        place.add(new Locale("", lead.country()).getDisplayCountry(locale));
        model.put("place", String.join(", ", place));
        model.put("companySize", lead.employees());
        model.put("leadLanguage", Locale.forLanguageTag(lead.language()).getDisplayLanguage(locale));
        return model;
    }

    /** An instant as the reader's clock shows it: {@code Monday 23 November 2026, 14:00 (Europe/Paris)}. */
    static String when(Instant instant, ZoneId zone, Locale locale) {
        String pattern = "fr".equals(locale.getLanguage()) ? "EEEE d MMMM yyyy 'à' HH:mm" : "EEEE d MMMM yyyy, HH:mm";
        String local = DateTimeFormatter.ofPattern(pattern, locale).format(instant.atZone(zone));
        return local + " (" + (zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId()) + ")";
    }

    static String points(double points) {
        return points == Math.rint(points) ? String.valueOf((long) points) : String.format(Locale.ROOT, "%.1f", points);
    }

    private static String criterion(String criterion, String language) {
        return "fr".equals(language) ? FRENCH_CRITERIA.getOrDefault(criterion, criterion) : criterion;
    }
}
