package org.leadrelay.intake.leads.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.leadrelay.intake.leads.LeadsOfPerson;
import org.leadrelay.kit.persistence.LeadDataHeld;
import org.leadrelay.kit.web.ApiDescriptions;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's access request (GDPR Art. 15), intake's part: the leads it holds with the person's
 * contact email, each with everything stored of it. The email travels in the body, never in a URL
 * (URLs end up in access logs).
 */
@RestController
@Tag(name = "Access", description = "What intake holds of a person (operators)")
@SecurityRequirement(name = ApiDescriptions.OPERATOR)
class AccessController {

    private final LeadsOfPerson leadsOfPerson;
    private final LeadDataHeld held;

    AccessController(LeadsOfPerson leadsOfPerson, LeadDataHeld held) {
        this.leadsOfPerson = leadsOfPerson;
        this.held = held;
    }

    @PostMapping(path = "/api/access", consumes = "application/json", produces = "application/json")
    @Operation(operationId = "findPersonsLeads", summary = "Everything intake holds of a person, by their contact email (operators)",
            description = "Every lead intake holds with that contact email (normalised as contact emails are, in any case), each "
                    + "with its documents as stored. Erased leads are no longer found by their email.")
    @ApiResponse(responseCode = "200", description = "The person's leads, each with what intake holds of it")
    @ApiResponse(responseCode = "400", description = "Problem details naming the field with a JSON pointer")
    @ApiResponse(responseCode = "413", description = "The body is larger than leadrelay.intake.max-request-size")
    Access access(@RequestBody @Valid AccessRequest request) {
        List<LeadDataHeld.View> leads = leadsOfPerson.leadIds(request.email().strip()).stream()
                .map(leadId -> new LeadDataHeld.View("lead-intake", leadId, held.of(leadId))).toList();
        return new Access(leads.stream().map(LeadDataHeld.View::leadId).toList(), leads);
    }

    /** The body of {@code POST /api/access}. */
    record AccessRequest(@Schema(description = "the person's contact email") @NotBlank(message = "is required")
            @Email(message = "must be an email address") @Size(max = 254, message = "must be at most 254 characters") String email) {
    }

    /** What intake holds of the person. */
    record Access(List<UUID> leadIds, List<LeadDataHeld.View> leads) {
    }
}
