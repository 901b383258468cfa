package org.leadrelay.router.routing;

import org.leadrelay.events.Score;
import org.leadrelay.router.partners.RoutablePartner;

/** An eligible partner and its score for a lead. */
public record Ranked(RoutablePartner partner, Score score) {
}
