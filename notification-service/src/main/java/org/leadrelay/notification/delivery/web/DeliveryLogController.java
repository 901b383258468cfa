package org.leadrelay.notification.delivery.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.leadrelay.events.Channel;
import org.leadrelay.kit.persistence.LeadDataHeld;
import org.leadrelay.kit.web.ApiDescriptions;
import org.leadrelay.kit.web.InvalidRequestException;
import org.leadrelay.kit.web.ProblemException;
import org.leadrelay.notification.delivery.DeliveryJob;
import org.leadrelay.notification.delivery.DeliveryJobs;
import org.leadrelay.notification.delivery.DeliveryKind;
import org.leadrelay.notification.delivery.DeliveryLog;
import org.leadrelay.notification.delivery.DeliveryState;
import org.leadrelay.notification.delivery.DisabledEndpoints;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery log for operators: every delivery with every attempt, by lead or by partner, the
 * deliveries failing now, and the endpoints disabled by a 410 answer. Targets are partner ids and
 * endpoints' origins; no email address and nothing of the customer is shown.
 */
@RestController
@SecurityRequirement(name = ApiDescriptions.OPERATOR)
@Tag(name = "Delivery log", description = "What was delivered to partners, how each attempt went, and what is failing now (operators)")
class DeliveryLogController {

    private static final int MAX_LIMIT = 500;

    private final DeliveryLog log;
    private final DeliveryJobs jobs;
    private final DisabledEndpoints disabled;

    private final LeadDataHeld held;

    DeliveryLogController(DeliveryLog log, DeliveryJobs jobs, DisabledEndpoints disabled, LeadDataHeld held) {
        this.held = held;
        this.log = log;
        this.jobs = jobs;
        this.disabled = disabled;
    }

    @GetMapping(path = "/api/deliveries", produces = "application/json")
    @Operation(operationId = "listDeliveries", summary = "Deliveries of a lead, or a partner's most recent ones, each with its attempts",
            description = "Give exactly one of leadId and partnerId.")
    @ApiResponse(responseCode = "200", description = "The deliveries, each with its attempts")
    @ApiResponse(responseCode = "400", description = "Neither or both of leadId and partnerId, a limit outside 1 to 500, or a value not of its type")
    List<DeliveryView> deliveries(@RequestParam(required = false) UUID leadId, @RequestParam(required = false) UUID partnerId,
            @RequestParam(defaultValue = "50") int limit) {
        if ((leadId == null) == (partnerId == null)) {
            throw new InvalidRequestException("/leadId", "give exactly one of leadId and partnerId");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("/limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (leadId != null) {
            return views(log.ofLead(leadId), log.attemptsOfLead(leadId));
        }
        List<DeliveryLog.Entry> entries = log.ofPartner(partnerId, limit);
        return views(entries, log.attemptsOf(entries.stream().map(DeliveryLog.Entry::id).toList()));
    }

    @GetMapping(path = "/api/leads/{leadId}/held-data", produces = "application/json")
    @Operation(operationId = "getHeldData", summary = "Everything notification-service holds about a lead, as stored (a person's access request)",
            description = "Its deliveries and their attempts, pending deliveries with their messages, the partners told of it and "
                    + "its erasure, as stored; empty lists when nothing is held.")
    @ApiResponse(responseCode = "200", description = "What the service holds of the lead; empty lists when nothing")
    LeadDataHeld.View heldData(@org.springframework.web.bind.annotation.PathVariable UUID leadId) {
        return new LeadDataHeld.View("notification-service", leadId, held.of(leadId));
    }

    @GetMapping(path = "/api/deliveries/failing", produces = "application/json")
    @Operation(operationId = "listFailingDeliveries",
            summary = "Deliveries failing now: pending, with at least one failed attempt, soonest retry first")
    @ApiResponse(responseCode = "200", description = "The failing deliveries")
    @ApiResponse(responseCode = "400", description = "A limit outside 1 to 500")
    List<FailingView> failing(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("/limit", "must be between 1 and " + MAX_LIMIT);
        }
        return jobs.failing(limit).stream().map(FailingView::of).toList();
    }

    @GetMapping(path = "/api/deliveries/{deliveryId}", produces = "application/json")
    @Operation(operationId = "getDelivery", summary = "One delivery with its attempts")
    @ApiResponse(responseCode = "200", description = "The delivery")
    @ApiResponse(responseCode = "404", description = "No such delivery")
    DeliveryView delivery(@PathVariable String deliveryId) {
        DeliveryLog.Entry entry = log.find(deliveryId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "Not Found",
                "no delivery " + deliveryId));
        return DeliveryView.of(entry, log.attemptsOf(List.of(deliveryId)));
    }

    @GetMapping(path = "/api/disabled-endpoints", produces = "application/json")
    @Operation(operationId = "listDisabledEndpoints", summary = "Partners' webhook endpoints disabled after answering 410 Gone")
    @ApiResponse(responseCode = "200", description = "The disabled endpoints")
    List<DisabledEndpoints.Disabled> disabledEndpoints() {
        return disabled.all();
    }

    @DeleteMapping("/api/disabled-endpoints/{partnerId}")
    @Operation(operationId = "enableEndpoint", summary = "Enables a partner's webhook endpoint again",
            description = "Webhooks resume for new deliveries.")
    @ApiResponse(responseCode = "204", description = "Enabled again")
    @ApiResponse(responseCode = "404", description = "The partner's endpoint is not disabled")
    ResponseEntity<Void> enable(@PathVariable UUID partnerId) {
        if (!disabled.enable(partnerId)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "Not Found", "partner " + partnerId + "'s endpoint is not disabled");
        }
        return ResponseEntity.noContent().build();
    }

    private static List<DeliveryView> views(List<DeliveryLog.Entry> entries, List<DeliveryLog.Attempt> attempts) {
        Map<String, List<DeliveryLog.Attempt>> byDelivery = attempts.stream()
                .collect(Collectors.groupingBy(DeliveryLog.Attempt::deliveryId));
        return entries.stream().map(entry -> DeliveryView.of(entry, byDelivery.getOrDefault(entry.id(), List.of()))).toList();
    }

    /**
     * A delivery.
     *
     * @param id     {@code <assignmentId>:<kind>:<channel>[:<language>]}
     * @param target    {@code partner:<partnerId>} for partners' emails, {@code operators}, or a webhook endpoint's origin
     * @param messageId the {@code webhook-id} or email {@code Message-ID} of every attempt, as the partner's logs show it
     */
    record DeliveryView(String id, DeliveryKind kind, Channel channel, UUID leadId, UUID assignmentId, UUID partnerId, String target,
            String messageId, DeliveryState state, int attempts, Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt, Instant finishedAt,
            String lastError, List<AttemptView> attemptLog) {

        static DeliveryView of(DeliveryLog.Entry entry, List<DeliveryLog.Attempt> attempts) {
            return new DeliveryView(entry.id(), entry.kind(), entry.channel(), entry.leadId(), entry.assignmentId(), entry.partnerId(),
                    entry.target(), entry.messageId(), entry.state(), entry.attempts(), entry.createdAt(), entry.lastAttemptAt(), entry.nextAttemptAt(),
                    entry.finishedAt(), entry.lastError(), attempts.stream().map(AttemptView::of).toList());
        }
    }

    /**
     * One attempt.
     *
     * @param outcome {@code delivered}, {@code failed} or {@code gone}
     */
    record AttemptView(int attempt, String outcome, String error, long latencyMs, Instant at, String target) {

        static AttemptView of(DeliveryLog.Attempt attempt) {
            return new AttemptView(attempt.attempt(), attempt.outcome(), attempt.error(), attempt.latencyMs(), attempt.at(), attempt.target());
        }
    }

    /** A delivery failing now, and when it is tried next. */
    record FailingView(String id, DeliveryKind kind, Channel channel, UUID leadId, UUID assignmentId, UUID partnerId, int attempts,
            Instant nextAttemptAt, String lastError) {

        static FailingView of(DeliveryJob job) {
            return new FailingView(job.id(), job.kind(), job.channel(), job.leadId(), job.assignmentId(), job.partnerId(), job.attempts(),
                    job.dueAt(), job.lastError());
        }
    }
}
