package org.leadrelay.directory.partners.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.leadrelay.directory.partners.Partner;
import org.leadrelay.directory.partners.PartnerProfile;
import org.leadrelay.directory.partners.SpecialityKinds;
import org.leadrelay.directory.partners.Tier;
import org.leadrelay.events.Absence;
import org.leadrelay.events.Availability;
import org.leadrelay.events.BusinessHours;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.NotificationContact;
import org.leadrelay.events.ServiceArea;
import org.leadrelay.kit.web.FieldError;
import org.leadrelay.kit.web.InvalidRequestException;
import org.leadrelay.kit.webhooks.WebhookUrlPolicy;
import org.springframework.stereotype.Component;

/**
 * Turns a bean-validated {@link PartnerForm} into a normalised {@link PartnerProfile}, checking what
 * annotations cannot (a time zone that exists, regions inside the partner's countries, a webhook URL
 * the policy accepts, at least one speciality and one contact), and back, for exports.
 */
@Component
class PartnerForms {

    private static final Duration LONGEST_DEADLINE = Duration.ofDays(30);

    private final WebhookUrlPolicy webhookUrls;
    private final int defaultCapacity;

    PartnerForms(WebhookUrlPolicy webhookUrls, org.leadrelay.directory.partners.DirectoryProperties properties) {
        this.webhookUrls = webhookUrls;
        this.defaultCapacity = properties.defaultCapacity();
    }

    /**
     * @param pointer where the form sits in the request ({@code ""} for a whole body, {@code /3} for the fourth imported row)
     * @throws InvalidRequestException naming every field that is wrong
     */
    PartnerProfile profile(PartnerForm form, String pointer) {
        List<FieldError> errors = new ArrayList<>();
        List<String> countries = upper(form.countries());
        List<Expertise> expertise = expertise(form, pointer, errors);
        List<String> regions = upper(form.regions());
        for (int i = 0; i < regions.size(); i++) {
            if (!countries.contains(regions.get(i).substring(0, 2))) {
                errors.add(new FieldError(pointer + "/regions/" + i, "must be a region of one of the partner's countries"));
            }
        }
        List<NotificationContact> contacts = contacts(form, pointer, errors);
        Availability availability = availability(form.availability(), pointer + "/availability", errors);
        Duration deadline = deadline(form.answerDeadline(), pointer + "/answerDeadline", errors);
        URI webhookUrl = webhookUrl(form.webhookUrl(), pointer + "/webhookUrl", errors);
        URI website = form.website() == null || form.website().isBlank() ? null : uri(form.website(), pointer + "/website", errors);
        if (form.maxCapacity() != null && form.capacity() != null && form.capacity() > form.maxCapacity()) {
            errors.add(new FieldError(pointer + "/capacity", "must be at most maxCapacity"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        List<ServiceArea> areas = form.serviceAreas() == null ? List.of() : form.serviceAreas().stream()
                .map(area -> new ServiceArea(blankToNull(area.label()), new Coordinates(area.latitude(), area.longitude()), area.radiusKm()))
                .toList();
        return new PartnerProfile(form.name().strip(), blankToNull(form.legalName()), website,
                form.tier() == null ? Tier.REGISTERED : form.tier(), form.routingWeight(), expertise, countries, regions, areas,
                lower(form.remoteServices()), lower(form.languages()), form.capacity() == null ? defaultCapacity : form.capacity(),
                form.weeklyCapacity(), form.maxCapacity(), form.maxWeeklyCapacity(), availability, deadline, contacts, webhookUrl,
                form.webhookEnabled() == null || form.webhookEnabled());
    }

    private static List<Expertise> expertise(PartnerForm form, String pointer, List<FieldError> errors) {
        Map<String, Expertise> byTerm = new LinkedHashMap<>();
        if (form.expertise() != null) {
            for (int i = 0; i < form.expertise().size(); i++) {
                PartnerForm.ExpertiseForm given = form.expertise().get(i);
                String kind = given.kind().strip().toUpperCase(Locale.ROOT);
                if (!SpecialityKinds.ALL.contains(kind)) {
                    errors.add(new FieldError(pointer + "/expertise/" + i + "/kind",
                            "must be one of PRODUCT, SERVICE, OPERATING_SYSTEM, DATABASE, APPLICATION_SERVER"));
                    continue;
                }
                String level = given.level() == null ? Expertise.EXPERIENCED : given.level().toUpperCase(Locale.ROOT);
                if (given.certifiedUntil() != null && !Expertise.CERTIFIED.equals(level)) {
                    errors.add(new FieldError(pointer + "/expertise/" + i + "/certifiedUntil", "only a CERTIFIED level has an expiry"));
                    continue;
                }
                String term = given.term().strip().toLowerCase(Locale.ROOT);
                byTerm.putIfAbsent(term, new Expertise(kind, term, level, given.certifiedUntil()));
            }
        }
        if (form.specialities() != null) {
            for (String speciality : form.specialities()) {
                String term = speciality.strip().toLowerCase(Locale.ROOT);
                byTerm.putIfAbsent(term, new Expertise(SpecialityKinds.of(term), term, Expertise.EXPERIENCED, null));
            }
        }
        if (byTerm.isEmpty()) {
            errors.add(new FieldError(pointer + "/expertise", "must name at least one speciality (expertise or specialities)"));
        }
        return List.copyOf(byTerm.values());
    }

    private static List<NotificationContact> contacts(PartnerForm form, String pointer, List<FieldError> errors) {
        Map<String, NotificationContact> byEmail = new LinkedHashMap<>();
        if (form.contacts() != null) {
            form.contacts().forEach(contact -> byEmail.putIfAbsent(email(contact.email()),
                    new NotificationContact(email(contact.email()), contact.language() == null ? null : contact.language().toLowerCase(Locale.ROOT))));
        }
        if (form.notificationEmail() != null && !form.notificationEmail().isBlank()) {
            byEmail.putIfAbsent(email(form.notificationEmail()), new NotificationContact(email(form.notificationEmail()), null));
        }
        if (byEmail.isEmpty()) {
            errors.add(new FieldError(pointer + "/contacts", "must name at least one contact (contacts or notificationEmail)"));
        }
        return List.copyOf(byEmail.values());
    }

    private static Availability availability(PartnerForm.AvailabilityForm form, String pointer, List<FieldError> errors) {
        if (form == null) {
            return null;
        }
        try {
            ZoneId.of(form.timeZone().strip());
        } catch (DateTimeException e) {
            errors.add(new FieldError(pointer + "/timeZone", "must be an IANA time zone such as Europe/Paris"));
        }
        List<BusinessHours> hours = new ArrayList<>();
        if (form.businessHours() != null) {
            for (int i = 0; i < form.businessHours().size(); i++) {
                PartnerForm.BusinessHoursForm given = form.businessHours().get(i);
                if (!given.opens().isBefore(given.closes())) {
                    errors.add(new FieldError(pointer + "/businessHours/" + i + "/closes", "must be after opens"));
                } else {
                    hours.add(new BusinessHours(given.days(), given.opens(), given.closes()));
                }
            }
        }
        List<Absence> absences = absences(form.outOfOffice(), pointer + "/outOfOffice", errors);
        return errors.isEmpty() ? new Availability(form.timeZone().strip(), hours, absences) : null;
    }

    static List<Absence> absences(List<PartnerForm.AbsenceForm> periods, String pointer, List<FieldError> errors) {
        List<Absence> absences = new ArrayList<>();
        if (periods != null) {
            for (int i = 0; i < periods.size(); i++) {
                PartnerForm.AbsenceForm given = periods.get(i);
                if (!given.from().isBefore(given.until())) {
                    errors.add(new FieldError(pointer + "/" + i + "/until", "must be after from"));
                } else {
                    absences.add(new Absence(given.from(), given.until()));
                }
            }
        }
        return absences;
    }

    private static Duration deadline(String value, String pointer, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Duration deadline = Duration.parse(value.strip());
            if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(LONGEST_DEADLINE) > 0) {
                errors.add(new FieldError(pointer, "must be positive and at most 30 days"));
                return null;
            }
            return deadline;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(pointer, "must be an ISO 8601 duration such as PT8H"));
            return null;
        }
    }

    private URI webhookUrl(String value, String pointer, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        URI url = uri(value, pointer, errors);
        if (url != null) {
            webhookUrls.refusal(url).ifPresent(refusal -> errors.add(new FieldError(pointer, refusal)));
        }
        return url;
    }

    private static URI uri(String value, String pointer, List<FieldError> errors) {
        try {
            return new URI(value.strip());
        } catch (URISyntaxException e) {
            errors.add(new FieldError(pointer, "must be a URL"));
            return null;
        }
    }

    /** The form that gives this partner's profile back, as exports write it. */
    static PartnerForm form(Partner partner) {
        PartnerProfile p = partner.profile();
        Availability availability = p.availability();
        return new PartnerForm(p.name(), p.legalName(), p.website() == null ? null : p.website().toString(), p.tier(), p.routingWeight(),
                partner.status(), partner.statusReason(), null,
                p.expertise().stream().map(e -> new PartnerForm.ExpertiseForm(e.kind(), e.term(), e.level(), e.certifiedUntil())).toList(),
                p.countries(), p.regions(),
                p.serviceAreas().stream().map(a -> new PartnerForm.ServiceAreaForm(a.label(), a.centre().latitude(), a.centre().longitude(),
                        a.radiusKm())).toList(),
                p.remoteServices(), p.languages(), p.capacity(), p.weeklyCapacity(), p.maxCapacity(), p.maxWeeklyCapacity(),
                availability == null ? null : new PartnerForm.AvailabilityForm(availability.timeZone(),
                        availability.businessHours().stream().map(h -> new PartnerForm.BusinessHoursForm(h.days(), h.opens(), h.closes())).toList(),
                        availability.outOfOffice().stream().map(a -> new PartnerForm.AbsenceForm(a.from(), a.until())).toList()),
                p.answerDeadline() == null ? null : p.answerDeadline().toString(),
                p.contacts().stream().map(c -> new PartnerForm.ContactForm(c.email(), c.language())).toList(), null,
                p.webhookUrl() == null ? null : p.webhookUrl().toString(), p.webhookEnabled());
    }

    private static String email(String value) {
        String trimmed = value.strip();
        int at = trimmed.lastIndexOf('@');
        return at < 0 ? trimmed : trimmed.substring(0, at) + trimmed.substring(at).toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> upper(List<String> values) {
        return values == null ? List.of() : values.stream().map(value -> value.strip().toUpperCase(Locale.ROOT)).distinct().toList();
    }

    private static List<String> lower(List<String> values) {
        return values == null ? List.of() : values.stream().map(value -> value.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
