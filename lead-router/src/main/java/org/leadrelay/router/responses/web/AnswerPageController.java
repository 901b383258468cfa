package org.leadrelay.router.responses.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Locale;
import org.leadrelay.events.InvalidAnswerTokenException;
import org.leadrelay.router.responses.Answer;
import org.leadrelay.router.responses.AnswerConflictException;
import org.leadrelay.router.responses.AnsweringOffer;
import org.leadrelay.router.responses.Offer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The page a partner's email link opens. Mail scanners open links before people do, so {@code GET}
 * only shows the offer and two buttons and changes nothing; the answer is the {@code POST} those
 * buttons send. In English, or in French when the browser prefers it.
 */
@RestController
class AnswerPageController {

    private static final int MAX_REASON = 1000;

    private final AnsweringOffer answering;

    AnswerPageController(AnsweringOffer answering) {
        this.answering = answering;
    }

    @GetMapping(path = "/answers/{token}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(operationId = "showOffer", summary = "The page an offer's email link opens")
    @ApiResponse(responseCode = "200", description = "The offer with its accept and decline buttons; nothing is answered yet")
    @ApiResponse(responseCode = "403", description = "A page: the link is not valid",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string", description = "a page saying why")))
    @ApiResponse(responseCode = "409", description = "A page: the offer is answered or no longer open",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string", description = "a page saying why")))
    @ApiResponse(responseCode = "410", description = "A page: the offer's deadline has passed",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string", description = "a page saying why")))
    ResponseEntity<String> show(@PathVariable String token, Locale locale) {
        AnswerPages pages = AnswerPages.in(locale);
        try {
            Offer offer = answering.offer(token);
            return ResponseEntity.ok(pages.offer(token, offer));
        } catch (InvalidAnswerTokenException e) {
            return refused(pages, e);
        } catch (AnswerConflictException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(pages.message(pages.notTaken(), e.getMessage()));
        }
    }

    @PostMapping(path = "/answers/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
    @Operation(operationId = "answerOfferByPage", summary = "Accept or decline an offer from its page")
    @ApiResponse(responseCode = "200", description = "A page confirming the answer")
    @ApiResponse(responseCode = "400", description = "A page: the answer is neither accept nor decline, or the reason is too long",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string", description = "a page saying why")))
    @ApiResponse(responseCode = "403", description = "A page: the link is not valid",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string", description = "a page saying why")))
    @ApiResponse(responseCode = "409", description = "A page: another answer was recorded, or the offer is no longer open",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string", description = "a page saying why")))
    @ApiResponse(responseCode = "410", description = "A page: the offer's deadline has passed",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string", description = "a page saying why")))
    ResponseEntity<String> answer(@PathVariable String token, @RequestParam(required = false) String answer,
            @RequestParam(required = false) String reason, Locale locale) {
        AnswerPages pages = AnswerPages.in(locale);
        Answer given;
        try {
            given = Answer.valueOf(String.valueOf(answer).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(pages.message(pages.notTaken(), "answer must be accept or decline"));
        }
        if (reason != null && reason.length() > MAX_REASON) {
            return ResponseEntity.badRequest().body(pages.message(pages.notTaken(), "the reason must be at most " + MAX_REASON + " characters"));
        }
        try {
            return ResponseEntity.ok(pages.answered(given, answering.answer(token, given, reason)));
        } catch (InvalidAnswerTokenException e) {
            return refused(pages, e);
        } catch (AnswerConflictException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(pages.message(pages.notTaken(), e.getMessage()));
        }
    }

    private static ResponseEntity<String> refused(AnswerPages pages, InvalidAnswerTokenException e) {
        HttpStatus status = e.reason() == InvalidAnswerTokenException.Reason.EXPIRED ? HttpStatus.GONE : HttpStatus.FORBIDDEN;
        return ResponseEntity.status(status).body(pages.message(pages.notTaken(), pages.explain(e.reason())));
    }
}
