package org.leadrelay.router.responses.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.leadrelay.events.InvalidAnswerTokenException;
import org.leadrelay.router.responses.Answer;
import org.leadrelay.router.responses.AnswerConflictException;
import org.leadrelay.router.responses.AnsweringOffer;
import org.leadrelay.router.responses.RecordedAnswer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Partners' systems answer an offer with the token from its webhook: {@code POST
 * /api/answers/{token}} with {@code {"answer": "ACCEPT"}} or {@code {"answer": "DECLINE", "reason": "..."}}.
 */
@RestController
class AnswerApiController {

    private final AnsweringOffer answering;

    AnswerApiController(AnsweringOffer answering) {
        this.answering = answering;
    }

    /** 200 with the answer recorded (also when the same answer is given again); 403, 409 or 410 problem details otherwise. */
    @PostMapping(path = "/api/answers/{token}", consumes = "application/json", produces = "application/json")
    @Operation(operationId = "answerOffer", summary = "Accept or decline an offered lead with its webhook's answer token")
    @ApiResponse(responseCode = "200", description = "The answer recorded (also when the same answer is given again)")
    @ApiResponse(responseCode = "403", description = "The token is not a valid answer token")
    @ApiResponse(responseCode = "409", description = "Another answer was recorded, or the offer is no longer open")
    @ApiResponse(responseCode = "410", description = "The answer came after the offer's deadline")
    AnswerView answer(@PathVariable String token, @RequestBody @Valid AnswerForm form) {
        return AnswerView.of(answering.answer(token, form.answer(), form.reason()).answer());
    }

    @ExceptionHandler(InvalidAnswerTokenException.class)
    ResponseEntity<ProblemDetail> invalidToken(InvalidAnswerTokenException e) {
        HttpStatus status = e.reason() == InvalidAnswerTokenException.Reason.EXPIRED ? HttpStatus.GONE : HttpStatus.FORBIDDEN;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(status == HttpStatus.GONE ? "Answer too late" : "Invalid answer link");
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(AnswerConflictException.class)
    ResponseEntity<ProblemDetail> conflict(AnswerConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Answer not taken");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    record AnswerForm(@NotNull(message = "must be ACCEPT or DECLINE") Answer answer,
            @Size(max = 1000, message = "must be at most 1000 characters") String reason) {
    }

    record AnswerView(UUID leadId, UUID assignmentId, Answer answer, String reason, Instant answeredAt) {

        static AnswerView of(RecordedAnswer answer) {
            return new AnswerView(answer.leadId(), answer.assignmentId(), answer.answer(), answer.reason(), answer.answeredAt());
        }
    }
}
