package org.leadrelay.kit.domain;

/** The caller is known but may not do this (answered 403). */
public non-sealed class NotAllowed extends Refusal {

    public NotAllowed(String detail) {
        super("Forbidden", detail);
    }
}
