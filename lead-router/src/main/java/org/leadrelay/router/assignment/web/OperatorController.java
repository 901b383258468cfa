package org.leadrelay.router.assignment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.events.AssignmentEvent;
import org.leadrelay.events.Fallback;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadId;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.PartnerId;
import org.leadrelay.events.PassedOver;
import org.leadrelay.events.Score;
import org.leadrelay.kit.persistence.LeadDataHeld;
import org.leadrelay.kit.web.ApiDescriptions;
import org.leadrelay.kit.web.ProblemException;
import org.leadrelay.router.assignment.LeadCase;
import org.leadrelay.router.assignment.ManagingAssignments;
import org.leadrelay.router.assignment.OfferClosedException;
import org.leadrelay.router.assignment.PartnerLoads;
import org.leadrelay.router.assignment.UnknownPartnerException;
import org.leadrelay.router.partners.PartnerCopies;
import org.leadrelay.router.routing.RoutablePartner;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' view of routing: why each lead went where it went, the queue of leads nobody could
 * take, assigning one by hand, reopening one, and how loaded each partner is.
 */
@RestController
@SecurityRequirement(name = ApiDescriptions.OPERATOR)
class OperatorController {

    private static final int MAX_QUEUE = 500;

    private final ManagingAssignments assignments;
    private final PartnerLoads loads;
    private final PartnerCopies partners;
    private final java.time.Clock clock;
    private final LeadDataHeld held;

    OperatorController(ManagingAssignments assignments, PartnerLoads loads, PartnerCopies partners, java.time.Clock clock,
            LeadDataHeld held) {
        this.held = held;
        this.clock = clock;
        this.assignments = assignments;
        this.loads = loads;
        this.partners = partners;
    }

    @Operation(operationId = "getRoutingDecision", summary = "Why a lead went where it went",
            description = "Every offer in order, each with its score breakdown, the ranked fallbacks with theirs, and the partners passed over with why.")
    @GetMapping(path = "/api/leads/{leadId}/decision", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The lead's routing, offer by offer")
    @ApiResponse(responseCode = "404", description = "No such lead in the router")
    Decision decision(@PathVariable UUID leadId) {
        return Decision.of(assignments.find(LeadId.of(leadId)).orElseThrow(() -> notFound(leadId)));
    }

    @Operation(operationId = "getHeldData", summary = "Everything the router holds about a lead, as stored (a person's access request)",
            description = "The lead's case (the lead with its personal data sealed, none once erased, every offer and answer) and its open timers, "
                    + "as stored; empty lists when the router holds nothing of the lead.")
    @GetMapping(path = "/api/leads/{leadId}/held-data", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "What the router holds of the lead; empty lists when nothing")
    LeadDataHeld.View heldData(@PathVariable UUID leadId) {
        return new LeadDataHeld.View("lead-router", leadId, held.of(leadId));
    }

    @Operation(operationId = "listUnroutableLeads", summary = "The operators' queue: leads nobody could take, oldest first")
    @GetMapping(path = "/api/leads/unroutable", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The queue, at most limit leads (1 to 500)")
    List<Decision> unroutable(@RequestParam(defaultValue = "100") int limit) {
        return assignments.unroutable(Math.max(1, Math.min(limit, MAX_QUEUE))).stream().map(Decision::of).toList();
    }

    @Operation(operationId = "assignLead", summary = "Assign a lead to a partner by hand",
            description = "Withdraws the pending offer, if any, and offers the lead to the partner whatever its capacity, as LeadReassigned with the reason.")
    @PostMapping(path = "/api/leads/{leadId}/assignment", consumes = "application/json", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The lead's routing with the new offer")
    @ApiResponse(responseCode = "400", description = "Problem details naming each rejected field; an unknown partner is named at /partnerId")
    @ApiResponse(responseCode = "404", description = "No such lead in the router")
    @ApiResponse(responseCode = "409", description = "The lead cannot be assigned now (it is accepted, or erased)")
    Decision assign(@PathVariable UUID leadId, @RequestBody @Valid ManualAssignment body, Principal operator) {
        try {
            return Decision.of(assignments.assignByHand(LeadId.of(leadId), PartnerId.of(body.partnerId()), body.reason(), operator.getName()));
        } catch (UnknownPartnerException e) {
            throw new org.leadrelay.kit.web.InvalidRequestException("/partnerId", e.getMessage());
        } catch (OfferClosedException e) {
            throw conflict(e, leadId);
        }
    }

    @Operation(operationId = "reopenLead", summary = "Route a lead from the operators' queue again")
    @PostMapping(path = "/api/leads/{leadId}/reopen", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "The lead's routing, routed again")
    @ApiResponse(responseCode = "404", description = "No such lead in the router")
    @ApiResponse(responseCode = "409", description = "The lead is not in the operators' queue")
    Decision reopen(@PathVariable UUID leadId) {
        try {
            return Decision.of(assignments.reopen(LeadId.of(leadId)));
        } catch (OfferClosedException e) {
            throw conflict(e, leadId);
        }
    }

    @Operation(operationId = "listPartnerLoads", summary = "Each partner's open leads against its capacity, and its offers this week")
    @GetMapping(path = "/api/partners/load", produces = "application/json")
    @ApiResponse(responseCode = "200", description = "One row per partner")
    List<Load> load() {
        Map<UUID, PartnerLoads.Load> all = loads.all(PartnerLoads.week(clock.instant()));
        List<Load> rows = new ArrayList<>();
        for (RoutablePartner partner : partners.all()) {
            PartnerLoads.Load load = all.getOrDefault(partner.id(), PartnerLoads.Load.NONE);
            rows.add(new Load(partner.id(), partner.name(), partner.status(), load.open(), partner.capacity(), load.thisWeek(),
                    partner.weeklyCapacity()));
        }
        return rows;
    }

    private static ProblemException notFound(UUID leadId) {
        return new ProblemException(HttpStatus.NOT_FOUND, "Not found", "no lead " + leadId + " in the router");
    }

    private ProblemException conflict(OfferClosedException e, UUID leadId) {
        if (assignments.find(LeadId.of(leadId)).isEmpty()) {
            return notFound(leadId);
        }
        return new ProblemException(HttpStatus.CONFLICT, "Not possible now", e.getMessage());
    }

    /** A hand-made assignment. */
    record ManualAssignment(@NotNull(message = "is required") UUID partnerId,
            @NotBlank(message = "is required") @Size(max = 500, message = "must be at most 500 characters") String reason) {
    }

    /** One partner's load. */
    record Load(UUID partnerId, String name, String status, int openLeads, int capacity, int offersThisWeek, Integer weeklyCapacity) {
    }

    /** A lead's routing as operators read it. */
    record Decision(UUID leadId, String state, String reason, Instant updatedAt, List<Offered> offers) {

        static Decision of(LeadCase leadCase) {
            List<Offered> offers = leadCase.attempts().stream().map(Offered::of).toList();
            return new Decision(leadCase.leadId(), leadCase.state().name(), leadCase.reason(), leadCase.updatedAt(), offers);
        }
    }

    /** One offer with its explanation. */
    record Offered(int attempt, UUID assignmentId, UUID partnerId, String partnerName, String outcome, String reason, Instant offeredAt,
            Instant respondBy, Instant answeredAt, String assignedBy, Score score, List<Fallback> fallbacks, List<PassedOver> passedOver,
            Map<String, Integer> passedOverCounts) {

        static Offered of(LeadCase.Attempt attempt) {
            AssignmentEvent event = attempt.event();
            Score score = null;
            List<Fallback> fallbacks = List.of();
            List<PassedOver> passedOver = List.of();
            Map<String, Integer> counts = Map.of();
            if (event instanceof LeadAssigned assigned) {
                score = assigned.score();
                fallbacks = assigned.fallbacks();
                passedOver = assigned.passedOver();
                counts = assigned.passedOverCounts();
            } else if (event instanceof LeadReassigned reassigned) {
                score = reassigned.score();
                fallbacks = reassigned.fallbacks();
                passedOver = reassigned.passedOver();
                counts = reassigned.passedOverCounts();
            }
            return new Offered(attempt.number(), attempt.assignmentId(), attempt.partnerId(), attempt.partnerName(), attempt.outcome().name(),
                    attempt.reason(), attempt.offeredAt(), attempt.respondBy(), attempt.answeredAt(), attempt.assignedBy(), score, fallbacks,
                    passedOver, counts);
        }
    }
}
