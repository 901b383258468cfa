package org.leadrelay.events;

import java.util.List;

/** A partner's score for a lead and how it was made: the total is the sum of the components. */
public record Score(double total, List<ScoreComponent> components) {

    public Score {
        components = Require.nonEmpty(components, "score.components");
        double sum = components.stream().mapToDouble(ScoreComponent::points).sum();
        if (Math.abs(sum - total) > 1e-6) {
            throw new IllegalArgumentException("score.total must equal the sum of its components");
        }
    }

    public static Score of(List<ScoreComponent> components) {
        return new Score(components.stream().mapToDouble(ScoreComponent::points).sum(), components);
    }
}
