package org.leadrelay.router.routing;

import org.leadrelay.router.partners.RoutablePartner;

/**
 * One rule a partner must meet to be offered a lead. The name is the key under which a decision
 * counts the partners the rule excluded; the explanation is built only for the partners a decision
 * names, so checking thousands of partners stays cheap.
 */
interface EligibilityPolicy {

    /** The rule's name: a stable key for counts and metrics ({@code capacity}, {@code coverage}). */
    String name();

    boolean admits(RoutedLead lead, RoutablePartner partner, Standing standing);

    /** Why the partner is excluded, in words an operator reads; asked only of a partner not admitted. */
    String refusal(RoutedLead lead, RoutablePartner partner, Standing standing);
}
