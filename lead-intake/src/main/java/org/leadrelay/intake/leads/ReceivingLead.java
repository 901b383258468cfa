package org.leadrelay.intake.leads;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.Contact;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.CoordinatesSource;
import org.leadrelay.events.Environment;
import org.leadrelay.events.LeadKey;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.events.PersonalData;
import org.leadrelay.intake.geocoding.Geocoder;
import org.leadrelay.intake.geocoding.Place;
import org.leadrelay.intake.normalisation.Countries;
import org.leadrelay.intake.normalisation.Emails;
import org.leadrelay.intake.normalisation.Languages;
import org.leadrelay.intake.normalisation.PhoneNumbers;
import org.leadrelay.intake.normalisation.Regions;
import org.leadrelay.intake.normalisation.Vocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Accepts a validated submission: normalises it and stores the lead before the caller is answered,
 * so an acknowledged lead always reaches the router: the stored lead records whether it has been
 * published, and {@link PublishingLeads} publishes it right away or, after an outage, later.
 */
@Service
public class ReceivingLead {

    private static final Logger log = LoggerFactory.getLogger(ReceivingLead.class);

    private final Leads leads;
    private final LeadsByEmail byEmail;
    private final RecentRequests recent;
    private final PublishingLeads publishing;
    private final IntakeProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Vocabulary vocabulary = new Vocabulary();

    private final Geocoder geocoder;
    private final IntakeRetention retention;
    private final ConsentNotices notices;

    ReceivingLead(Leads leads, LeadsByEmail byEmail, RecentRequests recent, PublishingLeads publishing, IntakeProperties properties,
            Clock clock, MeterRegistry meters, Geocoder geocoder, IntakeRetention retention, ConsentNotices notices) {
        this.retention = retention;
        this.notices = notices;
        this.geocoder = geocoder;
        this.leads = leads;
        this.byEmail = byEmail;
        this.recent = recent;
        this.publishing = publishing;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        // exported at 0 from the start, so dashboards and alerts see the series before the first repeat
        meters.counter("leadrelay.intake.duplicates");
    }

    /**
     * Stores the lead and has it published; a repeat of a recent request by the same person is
     * stored as a duplicate of the first and not published.
     */
    public StoredLead receive(LeadSubmission submission) {
        UUID leadId = UUID.randomUUID();
        List<InvalidLeadException.FieldProblem> problems = new ArrayList<>();
        String country = Countries.code(submission.country()).orElse(null);
        if (country == null) {
            problems.add(new InvalidLeadException.FieldProblem("/location/country", "is not a country we know; use an ISO 3166-1 code such as FR"));
        }
        String language = submission.language() == null || submission.language().isBlank()
                ? properties.defaultLanguage()
                : Languages.code(submission.language()).orElse(null);
        if (language == null) {
            problems.add(new InvalidLeadException.FieldProblem("/language", "is not a language we know; use a code such as fr or fr-BE"));
        }
        String phone = null;
        if (submission.phone() != null && !submission.phone().isBlank() && country != null) {
            phone = PhoneNumbers.e164(submission.phone(), country).orElse(null);
            if (phone == null) {
                problems.add(new InvalidLeadException.FieldProblem("/contact/phone", "is not a valid phone number in " + country));
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparing(InvalidLeadException.FieldProblem::pointer));
            throw new InvalidLeadException(problems);
        }
        Instant now = clock.instant();
        PersonalData personal = new PersonalData(
                new Contact(trimmed(submission.name()), Emails.normalise(submission.email()), phone, trimmed(submission.company())),
                trimmed(submission.description()));
        LeadKey key = LeadKey.generate();
        LeadReceived lead = new LeadReceived(leadId, key.seal(leadId, personal),
                new Need(terms(submission.products()), terms(submission.services()),
                        new Environment(terms(submission.operatingSystems()), terms(submission.databases()),
                                terms(submission.applicationServers()))),
                located(country, submission),
                language,
                submission.employees(),
                notices.consent(language, submission.channel(), now),
                submission.source() == null || submission.source().isBlank() ? "api" : submission.source().trim(),
                submission.origin(),
                now);
        String fingerprint = LeadFingerprint.of(personal.contact().email(), lead.need());
        retention.requestSeen(fingerprint, lead.receivedAt());
        Optional<UUID> first = recent.claim(fingerprint, leadId, lead.receivedAt(), properties.duplicateWindow());
        if (first.isPresent()) {
            StoredLead duplicate = StoredLead.duplicate(lead, personal, key, first.get());
            store(duplicate);
            meters.counter("leadrelay.intake.duplicates").increment();
            log.info("lead {} repeats lead {}: recorded, not published", leadId, first.get());
            return duplicate;
        }
        StoredLead stored = StoredLead.received(lead, personal, key);
        publishing.willPublish(leadId);
        store(stored);
        meters.counter("leadrelay.intake.received", "source", sourceTag(lead.source())).increment();
        log.info("lead {} received from {} for {} in {}", leadId, sourceTag(lead.source()), // the bounded tag: a source is free text
                lead.need().specialities(), lead.location().country());
        publishing.publishSoon(lead);
        return stored;
    }

    /**
     * Stores the lead, scheduled first for erasure at the end of its retention and listed under its
     * contact email so that an erasure by email finds every stored lead; a lead that could not be
     * stored is taken off the list again (its expiry finds no lead, and does nothing).
     */
    private void store(StoredLead lead) {
        retention.leadStored(lead.leadId(), lead.lead().receivedAt());
        String emailKey = EmailKey.of(lead.personal().contact().email());
        byEmail.add(emailKey, lead.leadId());
        try {
            leads.add(lead);
        } catch (RuntimeException e) {
            try {
                byEmail.remove(emailKey, lead.leadId());
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
    }

    /** Metric tags stay bounded: a source outside the known ones counts as "other". */
    private static String sourceTag(String source) {
        return switch (source) {
            case "website-form", "api" -> source;
            default -> "other";
        };
    }

    /**
     * The lead's place: its region as an ISO 3166-2 code when we know the region (else as typed),
     * with coordinates as given, or looked up from its city, else from its postal code, or none
     * and why. A place found by the geocoder gives its region when the lead named none.
     */
    private Location located(String country, LeadSubmission submission) {
        String typedRegion = trimmed(submission.region());
        String region = country == null || typedRegion == null ? typedRegion : Regions.code(country, typedRegion).orElse(typedRegion);
        String city = trimmed(submission.city());
        String postalCode = trimmed(submission.postalCode());
        if (submission.latitude() != null && submission.longitude() != null) {
            return new Location(country, region, city, postalCode, new Coordinates(submission.latitude(), submission.longitude()),
                    CoordinatesSource.PROVIDED);
        }
        if (city == null && postalCode == null) {
            return new Location(country, region, null, null, null, CoordinatesSource.NO_PLACE);
        }
        Optional<Place> place = city == null ? Optional.empty() : geocoder.locate(country, region, city);
        if (place.isEmpty() && postalCode != null) {
            place = geocoder.locatePostalCode(country, postalCode);
        }
        return place
                .map(found -> new Location(country, region != null ? region : found.region(), city, postalCode, found.coordinates(),
                        CoordinatesSource.GAZETTEER))
                .orElseGet(() -> new Location(country, region, city, postalCode, null, CoordinatesSource.UNKNOWN_PLACE));
    }

    private List<String> terms(List<String> values) {
        return values == null ? List.of() : values.stream()
                .filter(Objects::nonNull)
                .filter(value -> !value.isBlank())
                .map(vocabulary::term)
                .distinct()
                .toList();
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
