package org.leadrelay.kit.domain;

/**
 * A request the domain refuses as a whole, with a short title and a detail that says why and, where
 * there is one, what to do instead. Which kind it is decides how an adapter answers it.
 */
public abstract sealed class Refusal extends RuntimeException permits NotFound, NotAllowed, RuleBroken, StaleRevision {

    private final String title;

    protected Refusal(String title, String detail) {
        super(detail);
        this.title = title;
    }

    public String title() {
        return title;
    }
}
