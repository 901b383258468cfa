package org.leadrelay.kit.domain;

/** The caller's copy is older than the aggregate: it changed since it was read (answered 412). */
public non-sealed class StaleRevision extends Refusal {

    public StaleRevision(String detail) {
        super("Stale revision", detail);
    }
}
