package org.leadrelay.intake.leads.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.leadrelay.events.LeadId;
import org.leadrelay.intake.leads.ErasingLeads;
import org.leadrelay.intake.leads.LeadErasure;
import org.leadrelay.kit.web.ApiDescriptions;
import org.leadrelay.kit.web.InvalidRequestException;
import org.leadrelay.kit.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' erasure API: a person's right to erasure, asked by lead id or by the person's
 * email. The answers name no person: lead ids, the operator account that asked, and times.
 */
@RestController
@RequestMapping("/api/erasures")
@Tag(name = "Erasures", description = "Erasing a person's data from intake and announcing it on leads.erasures.v1 (operators)")
@SecurityRequirement(name = ApiDescriptions.OPERATOR)
class ErasureController {

    private final ErasingLeads erasing;

    ErasureController(ErasingLeads erasing) {
        this.erasing = erasing;
    }

    @PostMapping(consumes = "application/json", produces = "application/json")
    @Operation(operationId = "eraseLeads", summary = "Erase a lead, or every lead of a person (operators)",
            description = "Give exactly one of leadId and email, and why (reason: request, the default, or consent-withdrawn: "
                    + "withdrawing consent is an erasure). Intake removes the person's data from its database before it answers "
                    + "and publishes LeadErased for each lead right after. By email: every lead intake holds with that contact email "
                    + "(normalised as contact emails are, in any case); an address with no lead gives an empty list. A lead erased "
                    + "before is answered with its first erasure, and nothing is published anew.")
    @ApiResponse(responseCode = "202", description = "The erasures of the leads covered, one per lead",
            headers = @Header(name = "Location", description = "/api/erasures/{erasureId}, when a single lead was named"))
    @ApiResponse(responseCode = "400", description = "Problem details naming the field with a JSON pointer; nothing is erased")
    @ApiResponse(responseCode = "401", description = "Not signed in as an operator")
    @ApiResponse(responseCode = "403", description = "Signed in, without the operator role or scope")
    @ApiResponse(responseCode = "404", description = "No lead with this id was ever received")
    @ApiResponse(responseCode = "413", description = "The body is larger than leadrelay.intake.max-request-size")
    ResponseEntity<ErasuresView> erase(@RequestBody @Valid ErasureRequest request, Principal operator) {
        boolean byLead = request.leadId() != null;
        boolean byEmail = request.email() != null;
        if (byEmail && request.email().isBlank()) {
            throw new InvalidRequestException("/email", "must be an email address");
        }
        if (byLead == byEmail) {
            throw new InvalidRequestException(byLead ? "/email" : "/leadId", "give exactly one of leadId and email");
        }
        LeadErasure.Reason reason = request.reason() == null ? LeadErasure.Reason.REQUEST
                : LeadErasure.Reason.ofLabel(request.reason()).filter(asked -> asked != LeadErasure.Reason.RETENTION)
                        .orElseThrow(() -> new InvalidRequestException("/reason", "must be request or consent-withdrawn"));
        if (byLead) {
            LeadErasure erasure = erasing.eraseLead(LeadId.of(request.leadId()), reason, operator.getName())
                    .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "Not Found", "no lead " + request.leadId()));
            return ResponseEntity.accepted().location(URI.create("/api/erasures/" + erasure.erasureId()))
                    .body(new ErasuresView(List.of(ErasureView.of(erasure))));
        }
        List<ErasureView> erased = erasing.erasePerson(request.email(), reason, operator.getName()).stream().map(ErasureView::of).toList();
        return ResponseEntity.accepted().body(new ErasuresView(erased));
    }

    @GetMapping(path = "/{erasureId}", produces = "application/json")
    @Operation(operationId = "getErasure", summary = "One lead's erasure (operators)")
    @ApiResponse(responseCode = "200", description = "The erasure")
    @ApiResponse(responseCode = "404", description = "No such erasure")
    ErasureView erasure(@PathVariable UUID erasureId) {
        return erasing.find(erasureId).map(ErasureView::of)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "Not Found", "no erasure " + erasureId));
    }

    /** The body of {@code POST /api/erasures}: exactly one of the two. */
    @Schema(description = "Which lead to erase: by its id, or every lead of a person by the contact email")
    record ErasureRequest(
            @Schema(description = "a lead's id") UUID leadId,
            @Schema(description = "the person's contact email") @Email(message = "must be an email address")
            @Size(max = 254, message = "must be at most 254 characters") String email,
            @Schema(description = "why: the person asked to be forgotten (the default), or withdrew their consent; either way "
                    + "everything of the lead is erased", allowableValues = {"request", "consent-withdrawn"}) String reason) {

        ErasureRequest {
            // an address pasted with spaces around it is the same address, as intake strips a contact's
            email = email == null ? null : email.strip();
        }
    }

    /** The erasures a request covers. */
    record ErasuresView(List<ErasureView> erasures) {
    }

    /** One lead's erasure, as operators see it. */
    record ErasureView(UUID erasureId, UUID leadId,
            @Schema(description = "how the operator named the lead", allowableValues = {"lead-id", "email"}) String requestedAs,
            @Schema(description = "why the lead is erased", allowableValues = {"request", "consent-withdrawn", "retention"})
            String reason,
            @Schema(description = "the operator account that asked; lead-intake retention for a lead past its retention")
            String requestedBy, Instant requestedAt,
            @Schema(description = "requested; erased: intake holds none of the person's data; published: and the broker has LeadErased",
                    allowableValues = {"requested", "erased", "published"}) String status,
            @Schema(description = "when intake's copy of the person's data was removed") Instant erasedAt,
            @Schema(description = "when the broker acknowledged LeadErased") Instant publishedAt) {

        static ErasureView of(LeadErasure erasure) {
            return new ErasureView(erasure.erasureId(), erasure.leadId(), erasure.requestedAs().label(), erasure.reason().label(),
                    erasure.requestedBy(),
                    erasure.requestedAt(), erasure.status().name().toLowerCase(Locale.ROOT), erasure.erasedAt(), erasure.publishedAt());
        }
    }
}
