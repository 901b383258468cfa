package org.leadrelay.events;

/**
 * One criterion's contribution to a partner's score for a lead.
 *
 * @param criterion the criterion, for example {@code speciality}, {@code locality}, {@code tier}
 * @param points    what the criterion added to the total
 * @param reason    why, in words an operator can read
 */
public record ScoreComponent(String criterion, double points, String reason) {

    public ScoreComponent {
        Require.text(criterion, "score.components.criterion");
        Require.text(reason, "score.components.reason");
    }
}
