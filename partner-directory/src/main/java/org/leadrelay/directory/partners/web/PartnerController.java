package org.leadrelay.directory.partners.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.leadrelay.directory.audit.AuditEntry;
import org.leadrelay.directory.partners.Actor;
import org.leadrelay.directory.partners.ManagingPartners;
import org.leadrelay.directory.partners.Partner;
import org.leadrelay.directory.partners.PartnerFilter;
import org.leadrelay.directory.partners.PartnerPage;
import org.leadrelay.directory.partners.PartnerStatus;
import org.leadrelay.directory.partners.Partners;
import org.leadrelay.directory.partners.Tier;
import org.leadrelay.directory.partners.web.PartnerForm.AbsenceForm;
import org.leadrelay.events.Absence;
import org.leadrelay.events.PartnerId;
import org.leadrelay.kit.web.ApiDescriptions;
import org.leadrelay.kit.web.FieldError;
import org.leadrelay.kit.web.InvalidRequestException;
import org.leadrelay.kit.web.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The partner API. Operators manage every partner; a partner, signed in with its own key, reads
 * itself, pauses and resumes, sets its out-of-office periods and capacity, and rotates its webhook
 * secret. Reads carry an {@code ETag} (the revision); a full update needs {@code If-Match}, and a
 * stale one gets 412.
 */
@RestController
@SecurityRequirement(name = ApiDescriptions.OPERATOR)
@RequestMapping("/api/partners")
class PartnerController {

    private static final int MAX_PAGE_SIZE = 200;
    private static final int AUDIT_LIMIT = 200;

    private final ManagingPartners managing;
    private final Partners partners;
    private final PartnerForms forms;

    PartnerController(ManagingPartners managing, Partners partners, PartnerForms forms) {
        this.managing = managing;
        this.partners = partners;
        this.forms = forms;
    }

    @Operation(operationId = "registerPartner", summary = "Register a partner (operators)",
            description = "201 with the partner and, this once, its webhook signing secret and self-service key; 400 problem details otherwise.")
    @PostMapping(consumes = "application/json", produces = "application/json")
    @ApiResponse(responseCode = "201", description = "The partner, with its webhook secret and self-service key shown this once",
            headers = {@Header(name = "Location", description = "/api/partners/{partnerId}"), @Header(name = "ETag", description = "the revision")})
    @ApiResponse(responseCode = "400", description = "Problem details naming each rejected field")
    ResponseEntity<RegisteredPartner> register(@RequestBody @Valid PartnerForm form, @Parameter(hidden = true) Actor actor) {
        ManagingPartners.Registered registered = managing.register(forms.profile(form, ""),
                form.status() == null ? PartnerStatus.ACTIVE : form.status(), actor);
        return ResponseEntity.created(URI.create("/api/partners/" + registered.partner().id())).eTag(etag(registered.partner()))
                .body(new RegisteredPartner(PartnerView.of(registered.partner()), registered.webhookSecret(), registered.apiKey()));
    }

    @Operation(operationId = "listPartners", summary = "List partners (operators)",
            description = "Partners matching every given filter, sorted by name. 400 problem details for a page below 0, a size outside 1 to 200, or an unknown tier or status.")
    @GetMapping(produces = "application/json")
    @ApiResponse(responseCode = "200", description = "One page of partners")
    @ApiResponse(responseCode = "400", description = "A page below 0, a size outside 1 to 200, or an unknown tier or status")
    PartnerList list(@RequestParam(required = false) String country, @RequestParam(required = false) String speciality,
            @RequestParam(required = false) String tier, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        List<FieldError> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new FieldError("/query/page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new FieldError("/query/size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        Tier wantedTier = tier == null ? null : named(Tier.class, tier, "/query/tier", errors);
        PartnerStatus wantedStatus = status == null ? null : named(PartnerStatus.class, status, "/query/status", errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        PartnerPage found = partners.list(new PartnerFilter(country == null ? null : country.strip().toUpperCase(Locale.ROOT),
                speciality == null ? null : speciality.strip().toLowerCase(Locale.ROOT), wantedTier, wantedStatus), page, size);
        return new PartnerList(found.partners().stream().map(PartnerView::of).toList(), found.page(), found.size(), found.total());
    }

    @Operation(operationId = "getPartner", summary = "Read a partner (operators, or the partner itself)", description = "With its revision as ETag; never a secret.")
    @GetMapping(path = "/{partnerId}", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The partner",
            headers = @Header(name = "ETag", description = "the revision"))
    @ApiResponse(responseCode = "404", description = "No such partner")
    ResponseEntity<PartnerView> find(@PathVariable UUID partnerId, @Parameter(hidden = true) Actor actor) {
        return viewed(managing.find(PartnerId.of(partnerId), actor));
    }

    @Operation(operationId = "updatePartner", summary = "Replace a partner's profile (operators)",
            description = "Needs If-Match with the ETag last read: 412 when the partner changed since, 428 without it.")
    @PutMapping(path = "/{partnerId}", consumes = "application/json", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The partner as changed",
            headers = @Header(name = "ETag", description = "the new revision"))
    @ApiResponse(responseCode = "400", description = "Problem details naming each rejected field")
    @ApiResponse(responseCode = "404", description = "No such partner")
    @ApiResponse(responseCode = "409", description = "The partner kept changing meanwhile: try again")
    @ApiResponse(responseCode = "412", description = "If-Match names another revision than the partner's")
    @ApiResponse(responseCode = "428", description = "No If-Match")
    ResponseEntity<PartnerView> update(@PathVariable UUID partnerId, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody @Valid PartnerForm form, @Parameter(hidden = true) Actor actor) {
        if (ifMatch == null) {
            managing.find(PartnerId.of(partnerId), actor);
            throw new ProblemException(HttpStatus.PRECONDITION_REQUIRED, "If-Match required",
                    "send the ETag you last read in If-Match, so a concurrent change is not overwritten");
        }
        return viewed(managing.update(PartnerId.of(partnerId), revision(ifMatch), forms.profile(form, ""), actor));
    }

    @Operation(operationId = "deletePartner", summary = "Delete a partner (operators)", description = "Publishes a tombstone on partners.v1. If-Match is optional.")
    @DeleteMapping(path = "/{partnerId}")
    @ApiResponse(responseCode = "204", description = "Deleted, and a tombstone published")
    @ApiResponse(responseCode = "404", description = "No such partner")
    @ApiResponse(responseCode = "409", description = "The partner kept changing meanwhile: try again")
    @ApiResponse(responseCode = "412", description = "If-Match names another revision than the partner's")
    ResponseEntity<Void> delete(@PathVariable UUID partnerId, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Parameter(hidden = true) Actor actor) {
        managing.delete(PartnerId.of(partnerId), ifMatch == null ? null : revision(ifMatch), actor);
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "pausePartner", summary = "Pause a partner (operators, or the partner itself)", description = "It takes no leads until resumed.")
    @PostMapping(path = "/{partnerId}/pause", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The partner, paused")
    @ApiResponse(responseCode = "404", description = "No such partner")
    @ApiResponse(responseCode = "409", description = "The partner is suspended or onboarding, or kept changing meanwhile")
    @ApiResponse(responseCode = "412", description = "If-Match names another revision than the partner's")
    ResponseEntity<PartnerView> pause(@PathVariable UUID partnerId, @RequestBody(required = false) @Valid StatusChange change,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @Parameter(hidden = true) Actor actor) {
        return viewed(managing.pause(PartnerId.of(partnerId), change == null ? null : change.reason(), ifMatch == null ? null : revision(ifMatch), actor));
    }

    @Operation(operationId = "resumePartner", summary = "Resume a paused partner (operators, or the partner itself)",
            description = "Operators may also activate an onboarding or suspended partner this way.")
    @PostMapping(path = "/{partnerId}/resume", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The partner, active")
    @ApiResponse(responseCode = "404", description = "No such partner")
    @ApiResponse(responseCode = "409", description = "A partner resuming itself is not paused, or the partner kept changing meanwhile")
    @ApiResponse(responseCode = "412", description = "If-Match names another revision than the partner's")
    ResponseEntity<PartnerView> resume(@PathVariable UUID partnerId, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Parameter(hidden = true) Actor actor) {
        return viewed(managing.resume(PartnerId.of(partnerId), ifMatch == null ? null : revision(ifMatch), actor));
    }

    @Operation(operationId = "suspendPartner", summary = "Suspend a partner (operators)", description = "It takes no leads, and cannot resume itself, until an operator resumes it.")
    @PostMapping(path = "/{partnerId}/suspend", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The partner, suspended")
    @ApiResponse(responseCode = "400", description = "No reason, or a reason over 500 characters")
    @ApiResponse(responseCode = "404", description = "No such partner")
    @ApiResponse(responseCode = "409", description = "The partner kept changing meanwhile: try again")
    @ApiResponse(responseCode = "412", description = "If-Match names another revision than the partner's")
    ResponseEntity<PartnerView> suspend(@PathVariable UUID partnerId, @RequestBody @Valid StatusChange change,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @Parameter(hidden = true) Actor actor) {
        if (change.reason() == null || change.reason().isBlank()) {
            throw new InvalidRequestException("/reason", "is required");
        }
        return viewed(managing.suspend(PartnerId.of(partnerId), change.reason(), ifMatch == null ? null : revision(ifMatch), actor));
    }

    @Operation(operationId = "setOutOfOffice", summary = "Set out-of-office periods (operators, or the partner itself)", description = "Replaces the list; no leads during a period.")
    @PutMapping(path = "/{partnerId}/out-of-office", consumes = "application/json", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The partner with its new periods")
    @ApiResponse(responseCode = "400", description = "Problem details naming each rejected period field")
    @ApiResponse(responseCode = "404", description = "No such partner")
    @ApiResponse(responseCode = "409", description = "The partner kept changing meanwhile: try again")
    ResponseEntity<PartnerView> outOfOffice(@PathVariable UUID partnerId, @RequestBody @Valid OutOfOffice body,
            @Parameter(hidden = true) Actor actor) {
        List<FieldError> errors = new ArrayList<>();
        List<Absence> periods = PartnerForms.absences(body.periods(), "/periods", errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return viewed(managing.setOutOfOffice(PartnerId.of(partnerId), periods, "UTC", actor));
    }

    @Operation(operationId = "setCapacity", summary = "Set capacity (operators, or the partner itself within the operator's limits)")
    @PutMapping(path = "/{partnerId}/capacity", consumes = "application/json", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The partner with its new capacity")
    @ApiResponse(responseCode = "400", description = "Problem details naming each rejected field; a partner above the operator's limit")
    @ApiResponse(responseCode = "404", description = "No such partner")
    @ApiResponse(responseCode = "409", description = "The partner kept changing meanwhile: try again")
    ResponseEntity<PartnerView> capacity(@PathVariable UUID partnerId, @RequestBody @Valid Capacity body, @Parameter(hidden = true) Actor actor) {
        return viewed(managing.setCapacity(PartnerId.of(partnerId), body.capacity(), body.weeklyCapacity(), actor));
    }

    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate the webhook signing secret (operators, or the partner itself)",
            description = "The new secret is shown this once; the previous one keeps signing beside it until previousValidUntil.")
    @PostMapping(path = "/{partnerId}/webhook-secret", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The new secret, shown this once")
    @ApiResponse(responseCode = "404", description = "No such partner")
    @ApiResponse(responseCode = "409", description = "The partner kept changing meanwhile: try again")
    ManagingPartners.RotatedSecret rotateSecret(@PathVariable UUID partnerId, @Parameter(hidden = true) Actor actor) {
        return managing.rotateSecret(PartnerId.of(partnerId), actor);
    }

    @Operation(operationId = "issuePartnerKey", summary = "Issue a new self-service key (operators)", description = "Shown this once; the previous key stops working.")
    @PostMapping(path = "/{partnerId}/credentials", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The new key, shown this once")
    @ApiResponse(responseCode = "404", description = "No such partner")
    @ApiResponse(responseCode = "409", description = "The partner kept changing meanwhile: try again")
    IssuedKey issueKey(@PathVariable UUID partnerId, @Parameter(hidden = true) Actor actor) {
        return new IssuedKey(partnerId, managing.issueKey(PartnerId.of(partnerId), actor));
    }

    @Operation(operationId = "getPartnerAudit", summary = "A partner's change history, newest first (operators)")
    @GetMapping(path = "/{partnerId}/audit", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The partner's changes, newest first, at most 200")
    @ApiResponse(responseCode = "404", description = "No such partner")
    List<AuditEntry> audit(@PathVariable UUID partnerId, @Parameter(hidden = true) Actor actor) {
        return managing.history(PartnerId.of(partnerId), actor, AUDIT_LIMIT);
    }

    private static ResponseEntity<PartnerView> viewed(Partner partner) {
        return ResponseEntity.ok().eTag(etag(partner)).body(PartnerView.of(partner));
    }

    private static String etag(Partner partner) {
        return "\"" + partner.revision() + "\"";
    }

    private static long revision(String ifMatch) {
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ProblemException(HttpStatus.PRECONDITION_FAILED, "Stale revision", "If-Match does not name a revision of this partner");
        }
    }

    private static <E extends Enum<E>> E named(Class<E> type, String value, String pointer, List<FieldError> errors) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name());
            }
            errors.add(new FieldError(pointer, "must be one of " + String.join(", ", names)));
            return null;
        }
    }

    /** One page of partners. */
    record PartnerList(List<PartnerView> partners, int page, int size, long total) {
    }

    /** The answer to a registration: the partner, its webhook signing secret and its self-service key. */
    record RegisteredPartner(PartnerView partner, String webhookSecret, String apiKey) {
    }

    /** A status change's reason. */
    record StatusChange(@Size(max = 500, message = "must be at most 500 characters") String reason) {
    }

    /** The out-of-office periods that replace the current ones. */
    record OutOfOffice(@NotNull(message = "is required") @Size(max = 100) List<@NotNull @Valid AbsenceForm> periods) {
    }

    /** New capacity figures. */
    record Capacity(@NotNull(message = "is required") @jakarta.validation.constraints.Min(value = 0, message = "must not be negative")
            @jakarta.validation.constraints.Max(value = 10000, message = "must be at most 10000") Integer capacity,
            @jakarta.validation.constraints.Min(value = 0, message = "must not be negative") Integer weeklyCapacity) {
    }

    /** A newly issued self-service key: sign in with HTTP Basic, the partner id as user name and the key as password. */
    record IssuedKey(UUID partnerId, String apiKey) {
    }
}
