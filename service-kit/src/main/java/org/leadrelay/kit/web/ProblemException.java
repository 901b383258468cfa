package org.leadrelay.kit.web;

import org.springframework.http.HttpStatus;

/** A request refused as a whole, answered as RFC 9457 problem details with this status, title and detail. */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    public ProblemException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
