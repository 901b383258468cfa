package org.leadrelay.intake.leads.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.UUID;
import org.leadrelay.events.LeadId;
import org.leadrelay.intake.leads.ServingLeadKeys;
import org.leadrelay.kit.web.ApiDescriptions;
import org.leadrelay.kit.web.ProblemException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A lead's key (ADR 0012), for the services that read the lead's sealed personal data: the key
 * readers ({@code leadrelay.intake.security.services}) and operators. Never cached on the way.
 */
@RestController
@Tag(name = "Keys", description = "The key that opens a lead's sealed personal data, until the lead is erased (services, operators)")
@SecurityRequirement(name = ApiDescriptions.OPERATOR)
class LeadKeyController {

    private final ServingLeadKeys keys;

    LeadKeyController(ServingLeadKeys keys) {
        this.keys = keys;
    }

    @GetMapping(path = "/api/keys/{leadId}", produces = "application/json")
    @Operation(operationId = "getLeadKey", summary = "The key that opens a lead's sealed personal data (key readers, operators)",
            description = "AES-256-GCM, 32 bytes in base64; the associated data is the lead id. Use it, do not keep it.")
    @ApiResponse(responseCode = "200", description = "The lead's key")
    @ApiResponse(responseCode = "410", description = "The lead was erased: its key is gone, and its sealed data unreadable for good")
    @ApiResponse(responseCode = "404", description = "No such lead")
    ResponseEntity<LeadKeyAnswer> key(@PathVariable UUID leadId, Principal reader) {
        ServingLeadKeys.Answer answer = keys.key(LeadId.of(leadId), reader == null ? "anonymous" : reader.getName());
        return switch (answer.outcome()) {
            case SERVED -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                    .body(new LeadKeyAnswer(leadId, "A256GCM", answer.key().toBase64()));
            case ERASED -> throw new ProblemException(HttpStatus.GONE, "Erased", "lead " + leadId + " was erased: its key is gone");
            case UNKNOWN -> throw new ProblemException(HttpStatus.NOT_FOUND, "Not Found", "no lead " + leadId);
        };
    }

    /**
     * A lead's key.
     *
     * @param algorithm always {@code A256GCM}: AES-256-GCM, 96-bit nonce, 128-bit tag, the lead id as
     *                  associated data
     * @param key       32 bytes, base64
     */
    record LeadKeyAnswer(UUID leadId, String algorithm, String key) {
    }
}
