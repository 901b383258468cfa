package org.leadrelay.intake.leads.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.leadrelay.intake.leads.ConsentNotices;
import org.leadrelay.intake.leads.IntakeProperties;
import org.leadrelay.intake.leads.InvalidLeadException;
import org.leadrelay.intake.leads.LeadSubmission;
import org.leadrelay.intake.leads.ReceivingLead;
import org.leadrelay.intake.leads.StoredLead;
import org.leadrelay.kit.web.JsonPointers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lead form for browsers: {@code GET /form} (English, or French by {@code ?lang=fr} or the
 * browser's preference) and {@code POST /forms/leads}, form-encoded, answered with a 303 to the
 * thank-you page or the form again with each error next to its field. Two traps for bots: a field
 * people never see, and a minimum time between showing the form and sending it, the time the form
 * was shown being signed (FormStamps) so that a bot cannot write an earlier one. A bot gets the
 * same 303 as a person, and nothing is stored or forwarded.
 */
@RestController
class FormController {

    static final String FORM_ID = "leadrelay-form";

    private final ReceivingLead receiving;
    private final ConsentNotices notices;
    private final Validator validator;
    private final IntakeProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final FormStamps stamps;

    FormController(ReceivingLead receiving, Validator validator, IntakeProperties properties, Clock clock, MeterRegistry meters,
            ConsentNotices notices) {
        this.notices = notices;
        this.receiving = receiving;
        this.validator = validator;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.stamps = new FormStamps(properties.formSigningKey(), properties.formPreviousSigningKeys());
        // exported at 0 from the start, so dashboards and alerts see the series before the first bot
        for (String reason : List.of("honeypot", "no-form", "forged-time", "too-fast")) {
            meters.counter("leadrelay.intake.spam", "reason", reason);
        }
        meters.counter("leadrelay.intake.rejected", "reason", "invalid-form");
    }

    @GetMapping("/")
    @Operation(operationId = "openHome", summary = "Send the browser on to the lead form")
    @ApiResponse(responseCode = "303", description = "To /form", headers = @Header(name = "Location", description = "/form"))
    ResponseEntity<Void> home() {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/form")).build();
    }

    @GetMapping(path = "/form", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(operationId = "showLeadForm", summary = "The lead form, in English or French",
            description = "French with lang=fr, or when the browser prefers it (Accept-Language); English otherwise.")
    @ApiResponse(responseCode = "200", description = "The form, stamped with the signed time it was shown")
    String form(@RequestParam(required = false) String lang, @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String accept) {
        return FormPage.in(lang != null ? lang : accept, notices).form(Map.of(), Map.of(), stamps.stamp(clock.millis()));
    }

    @GetMapping(path = "/form/thanks", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(operationId = "showThanks", summary = "The thank-you page after the lead form")
    @ApiResponse(responseCode = "200", description = "The page, in French with lang=fr, in English otherwise")
    String thanks(@RequestParam(required = false) String lang) {
        return FormPage.in(lang, notices).thanks();
    }

    @PostMapping(path = "/forms/leads", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
    @Operation(operationId = "submitLeadForm", summary = "Send the lead form",
            description = "Form-encoded, as the form page posts it. A person's lead is stored and forwarded; a bot's (the hidden "
                    + "website field filled, no or a forged form stamp, sent too fast) gets the same 303 and nothing is stored.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE, schema = @Schema(implementation = FormFields.class))))
    @ApiResponse(responseCode = "303", description = "Received (or taken for a bot's): on to the thank-you page",
            headers = @Header(name = "Location", description = "the thank-you page, with lang"))
    @ApiResponse(responseCode = "400", description = "The form again, each error next to its field; nothing is stored",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string", description = "the form page")))
    @ApiResponse(responseCode = "413", description = "The body is larger than leadrelay.intake.max-request-size")
    ResponseEntity<String> submit(@RequestBody MultiValueMap<String, String> body) {
        Map<String, String> values = new HashMap<>(body.toSingleValueMap());
        FormPage page = FormPage.in(values.get("lang"), notices);
        String spam = spamReason(values);
        if (spam != null) {
            meters.counter("leadrelay.intake.spam", "reason", spam).increment();
            return thanksRedirect(values);
        }
        LeadForm form = leadForm(values);
        Map<String, String> errors = new HashMap<>();
        for (ConstraintViolation<LeadForm> violation : validator.validate(form)) {
            String pointer = JsonPointers.fromPropertyPath(violation.getPropertyPath().toString()).replaceAll("/\\d+$", "");
            errors.putIfAbsent(FormPage.FIELD_OF_POINTER.getOrDefault(pointer, "description"), violation.getMessage());
        }
        if (form.need() != null && !form.need().namesSomething()) {
            errors.putIfAbsent("products", page.french() ? "indiquez au moins un produit ou service" : "name at least one product or service");
        }
        if (errors.isEmpty()) {
            try {
                StoredLead stored = receiving.receive(submission(form));
                return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(thankYou(values, stored))).build();
            } catch (InvalidLeadException e) {
                e.problems().forEach(problem -> errors.putIfAbsent(FormPage.FIELD_OF_POINTER.getOrDefault(problem.pointer(), "description"),
                        problem.detail()));
            }
        }
        meters.counter("leadrelay.intake.rejected", "reason", "invalid-form").increment();
        values.remove("website");
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_HTML).body(page.form(values, errors, stamps.stamp(clock.millis())));
    }

    /** The fields the form posts (documentation: the controller reads them from the form-encoded body). */
    @Schema(name = "LeadFormFields", description = "The lead form's fields, form-encoded")
    record FormFields(
            @Schema(description = "the person's name", requiredMode = Schema.RequiredMode.REQUIRED) String name,
            @Schema(description = "contact email", requiredMode = Schema.RequiredMode.REQUIRED) String email,
            @Schema(description = "contact phone number") String phone,
            @Schema(description = "the person's company") String company,
            @Schema(description = "products wanted, separated by commas, semicolons or lines") String products,
            @Schema(description = "services wanted, separated by commas, semicolons or lines") String services,
            @Schema(description = "what the person needs, in their words") String description,
            @Schema(description = "ISO 3166-1 alpha-2 country code", requiredMode = Schema.RequiredMode.REQUIRED) String country,
            @Schema(description = "city") String city,
            @Schema(description = "postal code") String postalCode,
            @Schema(description = "the form's language", allowableValues = {"en", "fr"}) String lang,
            @Schema(description = "the company's employees, a whole number") String employees,
            @Schema(description = "yes when the person agrees to be contacted by a partner", allowableValues = "yes") String consent,
            @Schema(description = "a field people never see: left empty by people, filled by bots") String website,
            @Schema(name = "rendered_at", description = "the signed time the form was shown, as the form page wrote it",
                    requiredMode = Schema.RequiredMode.REQUIRED) String renderedAt) {
    }

    /** Why this submission is a bot's, or null. */
    private String spamReason(Map<String, String> values) {
        if (!values.getOrDefault("website", "").isEmpty()) {
            return "honeypot";
        }
        String stamp = values.get("rendered_at");
        if (stamp == null || stamp.isEmpty()) {
            return "no-form";
        }
        OptionalLong renderedAt = stamps.renderedAt(stamp);
        if (renderedAt.isEmpty()) {
            return "forged-time";
        }
        Duration filled = Duration.ofMillis(clock.millis() - renderedAt.getAsLong());
        return filled.compareTo(properties.minimumFillTime()) < 0 ? "too-fast" : null;
    }

    private ResponseEntity<String> thanksRedirect(Map<String, String> values) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(thankYou(values, null))).build();
    }

    private String thankYou(Map<String, String> values, StoredLead stored) {
        String url = properties.thankYouUrl();
        return url + (url.contains("?") ? "&" : "?") + "lang=" + ("fr".equals(values.get("lang")) ? "fr" : "en");
    }

    private static LeadForm leadForm(Map<String, String> values) {
        Integer employees = null;
        try {
            employees = values.getOrDefault("employees", "").isBlank() ? null : Integer.valueOf(values.get("employees").strip());
        } catch (NumberFormatException e) {
            employees = -1; // shown as "must be at least 1"
        }
        return new LeadForm(
                new LeadForm.ContactForm(blank(values.get("name")), blank(values.get("email")), blank(values.get("phone")), blank(values.get("company"))),
                new LeadForm.NeedForm(list(values.get("products")), list(values.get("services")), List.of(), List.of(), List.of(),
                        blank(values.get("description"))),
                new LeadForm.LocationForm(blank(values.get("country")), null, blank(values.get("city")), blank(values.get("postalCode")),
                        null, null),
                blank(values.get("lang")), employees, "yes".equals(values.get("consent")), "website-form",
                new LeadForm.OriginForm(FORM_ID, null, List.of()));
    }

    private static LeadSubmission submission(LeadForm form) {
        return LeadController.submission(form, ConsentNotices.WEBSITE_FORM);
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : Arrays.stream(value.split("[,;\\n]")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
