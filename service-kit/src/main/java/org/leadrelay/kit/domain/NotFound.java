package org.leadrelay.kit.domain;

/** Nothing by that id here, or nothing this caller may see (answered 404 either way). */
public non-sealed class NotFound extends Refusal {

    public NotFound(String detail) {
        super("Not found", detail);
    }
}
