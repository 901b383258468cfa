package org.leadrelay.intake.leads.web;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.intake.leads.LeadSubmission;
import org.leadrelay.intake.leads.Leads;
import org.leadrelay.intake.leads.ReceivingLead;
import org.leadrelay.kit.web.FieldError;
import org.leadrelay.kit.web.InvalidRequestException;
import org.leadrelay.kit.web.JsonPointers;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public lead endpoint websites and API clients post to. */
@RestController
@RequestMapping("/api/leads")
class LeadController {

    private final ReceivingLead receiving;
    private final Leads leads;

    LeadController(ReceivingLead receiving, Leads leads) {
        this.receiving = receiving;
        this.leads = leads;
    }

    /**
     * Accepts a lead. 202: stored, and on its way to the router. 400: problem details listing each
     * rejected field with a JSON pointer; nothing is stored.
     */
    @PostMapping(consumes = "application/json", produces = "application/json")
    ResponseEntity<LeadAccepted> submit(@RequestBody @Valid LeadForm form, BindingResult validation) {
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
        LeadReceived lead = receiving.receive(submission(form));
        return ResponseEntity.accepted()
                .location(URI.create("/api/leads/" + lead.leadId()))
                .body(new LeadAccepted(lead.leadId(), "received", lead.receivedAt()));
    }

    /** The status of a lead. Shows no personal data: anyone holding the id may ask. */
    @GetMapping(path = "/{leadId}", produces = "application/json")
    ResponseEntity<LeadAccepted> status(@PathVariable UUID leadId) {
        return leads.find(leadId)
                .map(lead -> ResponseEntity.ok(new LeadAccepted(lead.leadId(), "received", lead.receivedAt())))
                .orElse(ResponseEntity.notFound().build());
    }

    private static LeadSubmission submission(LeadForm form) {
        LeadForm.ContactForm contact = form.contact();
        LeadForm.NeedForm need = form.need();
        LeadForm.LocationForm location = form.location();
        return new LeadSubmission(contact.name(), contact.email(), contact.phone(), contact.company(),
                need.products(), need.services(), need.operatingSystems(), need.databases(), need.applicationServers(),
                need.description(), location.country(), location.region(), location.city(), location.postalCode(),
                form.language(), form.employees(), Boolean.TRUE.equals(form.consent()), form.source());
    }

    /** The answer to an accepted lead. */
    record LeadAccepted(UUID leadId, String status, Instant receivedAt) {
    }
}
