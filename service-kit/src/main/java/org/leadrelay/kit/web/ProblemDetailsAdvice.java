package org.leadrelay.kit.web;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import io.micrometer.core.instrument.MeterRegistry;
import org.leadrelay.kit.domain.NotAllowed;
import org.leadrelay.kit.domain.NotFound;
import org.leadrelay.kit.domain.Refusal;
import org.leadrelay.kit.domain.StaleRevision;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every HTTP error as RFC 9457 problem details. Validation failures list each rejected field with a
 * JSON pointer into the request body under {@code errors}, so a form can show the message next to
 * the field.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private final ObjectProvider<MeterRegistry> meters;

    public ProblemDetailsAdvice(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters;
    }

    /** Counts refused requests by reason ({@code validation}, {@code malformed}, {@code too-large}, ...): bounded tags, no content. */
    private void rejected(String reason) {
        meters.ifAvailable(registry -> registry.counter("leadrelay.requests.rejected", "reason", reason).increment());
    }

    public static final URI VALIDATION_PROBLEM = URI.create("https://leadrelay.org/problems/validation");
    public static final URI MALFORMED_PROBLEM = URI.create("https://leadrelay.org/problems/malformed-request");

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(JsonPointers.fromPropertyPath(error.getField()), error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldError::pointer))
                .toList();
        rejected("validation");
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeLimit.TooLargeException tooLarge) {
                rejected("too-large");
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
                problem.setTitle("Request too large");
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
            }
        }
        rejected("malformed");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is not valid JSON for this endpoint.");
        problem.setType(MALFORMED_PROBLEM);
        problem.setTitle("Malformed request");
        // the path of the value that could not be read: a wrong type, a number out of its type's range (a
        // stream-level error that Jackson wraps with the path while binding), a field the request does not have
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof tools.jackson.core.JacksonException jackson && !jackson.getPath().isEmpty()) {
                String pointer = jackson.getPath().stream()
                        .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName() : String.valueOf(reference.getIndex()))
                        .reduce("", (path, segment) -> path + "/" + segment);
                String detail = jackson instanceof UnrecognizedPropertyException ? "is not a field of this request"
                        : jackson.getMessage() != null && jackson.getMessage().contains("out of range") ? "is out of range"
                        : "has the wrong type or format";
                problem.setProperty("errors", List.of(new FieldError(pointer, detail)));
                break;
            }
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /** Thrown by domain code that refuses a request field after bean validation passed. */
    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> handleInvalidRequest(InvalidRequestException e) {
        rejected("validation");
        return ResponseEntity.badRequest().body(invalid(e.errors()));
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> handleProblem(ProblemException e) {
        rejected("status-" + e.status().value());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        return ResponseEntity.status(e.status()).body(problem);
    }

    /**
     * The one place a domain's refusal becomes an HTTP answer: its kind gives the status, its title
     * and detail are the problem's. The domain code that throws it knows nothing of HTTP.
     */
    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> handleRefusal(Refusal e) {
        HttpStatus status = e instanceof NotFound ? HttpStatus.NOT_FOUND
                : e instanceof NotAllowed ? HttpStatus.FORBIDDEN
                : e instanceof StaleRevision ? HttpStatus.PRECONDITION_FAILED
                : HttpStatus.CONFLICT; // RuleBroken, the last of the sealed kinds
        return handleProblem(new ProblemException(status, e.title(), e.getMessage()));
    }

    private static ProblemDetail invalid(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.");
        problem.setType(VALIDATION_PROBLEM);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }
}
