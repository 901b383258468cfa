package org.leadrelay.kit.domain;

/** A change the aggregate's rules refuse in its present state (answered 409 with this title). */
public non-sealed class RuleBroken extends Refusal {

    public RuleBroken(String title, String detail) {
        super(title, detail);
    }
}
