package org.leadrelay.console.partners;

import java.time.Duration;
import java.util.UUID;
import org.leadrelay.console.flow.LatencyBuckets;

/**
 * How a partner has answered its offers since the console began counting.
 *
 * @param offers        offers made to it (first offers and later ones)
 * @param open          offers it has not answered yet and that were not withdrawn
 * @param withdrawn     offers an operator took back before it answered
 * @param answered      accepts and declines, the answers whose time is known
 * @param answerMillis  the sum of those answers' times
 * @param answerBuckets those answers' times in {@link LatencyBuckets}
 */
public record PartnerStats(UUID partnerId, long offers, long accepted, long declined, long expired, long withdrawn, long open,
        long answered, long answerMillis, long[] answerBuckets) {

    public static PartnerStats none(UUID partnerId) {
        return new PartnerStats(partnerId, 0, 0, 0, 0, 0, 0, 0, 0, new long[LatencyBuckets.COUNT]);
    }

    /** Accepted among the offers that ended with the partner's answer or its silence; null before any. */
    public Double acceptanceRate() {
        long settled = accepted + declined + expired;
        return settled == 0 ? null : (double) accepted / settled;
    }

    /** The mean time from an offer to its answer; null before any answer. */
    public Duration meanAnswer() {
        return answered == 0 ? null : Duration.ofMillis(answerMillis / answered);
    }

    /** {@link #meanAnswer()} in whole seconds, for the page. */
    public Long meanAnswerSeconds() {
        return answered == 0 ? null : Math.round(answerMillis / (double) answered / 1000);
    }

    /** {@link #medianAnswer()} in whole seconds, for the page. */
    public Long medianAnswerSeconds() {
        Duration median = medianAnswer();
        return median == null ? null : Math.round(median.toMillis() / 1000.0);
    }

    /** The median time to answer, to within a quarter (bucketed); null before any answer. */
    public Duration medianAnswer() {
        double median = LatencyBuckets.quantile(answerBuckets, 0.5);
        return Double.isNaN(median) ? null : Duration.ofMillis(Math.round(median));
    }
}
