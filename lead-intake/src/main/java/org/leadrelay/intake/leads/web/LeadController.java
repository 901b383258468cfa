package org.leadrelay.intake.leads.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.leadrelay.events.Origin;
import org.leadrelay.intake.leads.ConsentNotices;
import org.leadrelay.intake.leads.IdempotentRequests;
import org.leadrelay.intake.leads.IntakeRetention;
import org.leadrelay.intake.leads.InvalidLeadException;
import org.leadrelay.intake.leads.LeadSubmission;
import org.leadrelay.intake.leads.Leads;
import org.leadrelay.intake.leads.ReceivingLead;
import org.leadrelay.intake.leads.StoredLead;
import org.leadrelay.kit.web.FieldError;
import org.leadrelay.kit.web.InvalidRequestException;
import org.leadrelay.kit.web.JsonPointers;
import org.leadrelay.kit.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The public lead endpoint websites and API clients post to. */
@RestController
@RequestMapping("/api/leads")
class LeadController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ReceivingLead receiving;
    private final Leads leads;
    private final IdempotentRequests idempotentRequests;
    private final IntakeRetention retention;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    LeadController(ReceivingLead receiving, Leads leads, IdempotentRequests idempotentRequests, IntakeRetention retention,
            Clock clock) {
        this.retention = retention;
        this.receiving = receiving;
        this.leads = leads;
        this.idempotentRequests = idempotentRequests;
        this.clock = clock;
    }

    /**
     * Accepts a lead. 202: stored, and on its way to the router (or recorded as a duplicate of a
     * recent identical request). 400: problem details listing each rejected field with a JSON
     * pointer; nothing is stored. With an {@code Idempotency-Key}, a repeat of the same request is
     * answered as the first was (202), a different request under the same key gets 422, and a
     * repeat while the first is still being processed 409. Keys are scoped per client (its
     * address, behind a trusted proxy the one the proxy names): two clients never collide.
     */
    @PostMapping(consumes = "application/json", produces = "application/json")
    @Operation(operationId = "submitLead", summary = "Send a lead",
            description = "Stored, and on its way to the router, before the answer; a repeat of a recent identical lead is recorded "
                    + "as its duplicate. With an Idempotency-Key (per client), a repeat of the same request is answered as the first was.")
    @ApiResponse(responseCode = "202", description = "Received (or recorded as a duplicate)",
            headers = @Header(name = "Location", description = "/api/leads/{leadId}, where the lead's status is read"))
    @ApiResponse(responseCode = "400", description = "Problem details listing each rejected field with a JSON pointer, or an "
            + "Idempotency-Key outside 1 to 255 characters; nothing is stored")
    @ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is being processed: retry shortly")
    @ApiResponse(responseCode = "413", description = "The body is larger than leadrelay.intake.max-request-size")
    @ApiResponse(responseCode = "422", description = "This Idempotency-Key was used for a different request")
    ResponseEntity<LeadStatus> submit(@RequestBody @Valid LeadForm form, BindingResult validation,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, HttpServletRequest request) {
        List<FieldError> errors = new ArrayList<>(validation.getFieldErrors().stream()
                .map(error -> new FieldError(JsonPointers.fromPropertyPath(error.getField()), error.getDefaultMessage()))
                .toList());
        if (form.need() != null && !form.need().namesSomething()) {
            errors.add(new FieldError("/need/products", "name at least one product or service"));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::pointer));
            throw new InvalidRequestException(errors);
        }
        if (idempotencyKey == null) {
            return accepted(receive(form));
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key", "the Idempotency-Key header must have 1 to 255 characters");
        }
        // the client's address only as a hash: the stored key names no one
        String scopedKey = sha256(request.getRemoteAddr().getBytes(StandardCharsets.UTF_8)).substring(0, 16) + " " + idempotencyKey;
        Instant now = clock.instant();
        retention.keyClaimed(scopedKey, now);
        IdempotentRequests.Claim claim = idempotentRequests.claim(scopedKey, hash(form), now);
        if (claim instanceof IdempotentRequests.Claim.Replay replay) {
            return accepted(leads.find(replay.leadId()).orElseThrow());
        }
        if (claim instanceof IdempotentRequests.Claim.Mismatch) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused",
                    "this Idempotency-Key was used for a different request");
        }
        if (claim instanceof IdempotentRequests.Claim.InProgress) {
            throw new ProblemException(HttpStatus.CONFLICT, "Request in progress",
                    "a request with this Idempotency-Key is being processed; retry shortly");
        }
        try {
            StoredLead stored = receive(form);
            idempotentRequests.complete(scopedKey, stored.leadId());
            return accepted(stored);
        } catch (RuntimeException e) {
            idempotentRequests.release(scopedKey);
            throw e;
        }
    }

    /** Where a lead stands in intake. Shows no personal data: anyone holding the id may ask. */
    @GetMapping(path = "/{leadId}", produces = "application/json")
    @Operation(operationId = "getLeadStatus", summary = "Where a lead stands in intake",
            description = "No personal data: anyone holding the id may ask.")
    @ApiResponse(responseCode = "200", description = "The lead's status")
    @ApiResponse(responseCode = "404", description = "No such lead")
    ResponseEntity<LeadStatus> status(@PathVariable UUID leadId) {
        return leads.find(leadId).map(LeadStatus::of).map(ResponseEntity::ok)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "Not Found", "no lead " + leadId));
    }

    private StoredLead receive(LeadForm form) {
        try {
            return receiving.receive(submission(form, ConsentNotices.API));
        } catch (InvalidLeadException e) {
            throw new InvalidRequestException(e.problems().stream().map(problem -> new FieldError(problem.pointer(), problem.detail())).toList());
        }
    }

    private static ResponseEntity<LeadStatus> accepted(StoredLead stored) {
        return ResponseEntity.accepted().location(URI.create("/api/leads/" + stored.leadId())).body(LeadStatus.of(stored));
    }

    private String hash(LeadForm form) {
        return sha256(json.writeValueAsBytes(form));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static LeadSubmission submission(LeadForm form, String channel) {
        LeadForm.ContactForm contact = form.contact();
        LeadForm.NeedForm need = form.need();
        LeadForm.LocationForm location = form.location();
        return new LeadSubmission(contact.name(), contact.email(), contact.phone(), contact.company(),
                need.products(), need.services(), need.operatingSystems(), need.databases(), need.applicationServers(),
                need.description(), location.country(), location.region(), location.city(), location.postalCode(),
                location.latitude(), location.longitude(), form.language(), form.employees(), Boolean.TRUE.equals(form.consent()),
                form.source(), form.origin() == null ? null
                        : new Origin(form.origin().formId(), form.origin().page(), form.origin().campaignTags()), channel);
    }

    /**
     * A lead's intake status.
     *
     * @param status      {@code received} (stored, being published), {@code published} or {@code duplicate}
     * @param duplicateOf the first lead, when this one repeats it
     */
    record LeadStatus(UUID leadId, String status, UUID duplicateOf, Instant receivedAt) {

        static LeadStatus of(StoredLead stored) {
            return new LeadStatus(stored.leadId(), stored.status().name().toLowerCase(Locale.ROOT), stored.duplicateOf(),
                    stored.lead().receivedAt());
        }
    }
}
