package org.leadrelay.router.routing;


/**
 * One rule a partner must meet to be offered a lead. The name is the key under which a decision
 * counts the partners the rule excluded; the explanation is built only for the partners a decision
 * names, so checking thousands of partners stays cheap.
 */
interface EligibilityPolicy {

    /** The rule's name: a stable key for counts and metrics ({@code capacity}, {@code coverage}). */
    String name();

    /**
     * Whether the partner meets the rule. A rule that does not {@link #readsStanding() read the
     * standing} is given null: a decision reads standings only for partners the other rules admit.
     */
    boolean admits(RoutedLead lead, RoutablePartner partner, Standing standing);

    /**
     * Removes from {@code remaining} (a set of the index's partners, as {@link Bits}) the partners the
     * rule excludes, and returns them. By default each partner is asked {@link #admits}; a rule that
     * can answer from the index's sets of partners does so for all of them at once, and answers as
     * {@link #admits} would (RoutingPolicyTest compares both over random directories). Not for rules
     * that {@link #readsStanding() read standings}.
     */
    default long[] exclude(RoutedLead lead, PartnerIndex index, long[] remaining) {
        return Bits.removeFailing(remaining, null, ordinal -> !admits(lead, index.partner(ordinal), null));
    }

    /**
     * As {@link #admits(RoutedLead, RoutablePartner, Standing)}, for the index's partner with that
     * number: a rule reading standings, checked partner by partner, answers from the index's columns.
     */
    default boolean admits(RoutedLead lead, PartnerIndex index, int ordinal, Standing standing) {
        return admits(lead, index.partner(ordinal), standing);
    }

    /** Whether the rule reads the partner's standing; such rules are checked after all the others. */
    default boolean readsStanding() {
        return false;
    }

    /** Why the partner is excluded, in words an operator reads; asked only of a partner not admitted. */
    String refusal(RoutedLead lead, RoutablePartner partner, Standing standing);
}
