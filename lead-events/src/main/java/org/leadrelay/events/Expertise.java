package org.leadrelay.events;

import java.time.LocalDate;
import java.util.Locale;

/**
 * One thing a partner is good at, and how good.
 *
 * @param kind           {@code PRODUCT}, {@code SERVICE}, {@code OPERATING_SYSTEM}, {@code DATABASE} or
 *                       {@code APPLICATION_SERVER}
 * @param term           the lower-case vocabulary term ({@code postgresql}, {@code migration})
 * @param level          {@code CERTIFIED} or {@code EXPERIENCED}
 * @param certifiedUntil when a certification lapses, optional; a lapsed certification counts as
 *                       experience
 */
public record Expertise(String kind, String term, String level, LocalDate certifiedUntil) {

    public static final String CERTIFIED = "CERTIFIED";
    public static final String EXPERIENCED = "EXPERIENCED";

    public Expertise {
        Require.text(kind, "expertise.kind");
        Require.text(term, "expertise.term");
        Require.text(level, "expertise.level");
        term = term.toLowerCase(Locale.ROOT);
    }

    /** Whether the partner holds a certification for this on the given day. */
    public boolean certifiedOn(LocalDate day) {
        return CERTIFIED.equals(level) && (certifiedUntil == null || !day.isAfter(certifiedUntil));
    }
}
