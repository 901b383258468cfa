package org.leadrelay.console.partners;

import java.time.Duration;
import java.util.UUID;
import org.leadrelay.console.flow.LatencyBuckets;

/** What a batch of events adds to one partner's counters, added up before it is written. */
public final class PartnerTally {

    private final UUID partnerId;
    long offers;
    long open;
    long withdrawn;
    long accepted;
    long declined;
    long expired;
    long answered;
    long answerMillis;
    final long[] answerBuckets = new long[LatencyBuckets.COUNT];

    public PartnerTally(UUID partnerId) {
        this.partnerId = partnerId;
    }

    public UUID partnerId() {
        return partnerId;
    }

    void offered() {
        offers++;
        open++;
    }

    /** An operator gave the lead to someone else before the partner answered. */
    void offerWithdrawn() {
        withdrawn++;
        open--;
    }

    /** The partner answered ({@code took} known) or stayed silent past its deadline ({@code took} null). */
    void settled(PartnerStatistics.Settled how, Duration took) {
        open--;
        switch (how) {
            case ACCEPTED:
                accepted++;
                break;
            case DECLINED:
                declined++;
                break;
            default:
                expired++;
                break;
        }
        if (took != null) {
            answered++;
            answerMillis += took.toMillis();
            answerBuckets[LatencyBuckets.of(took.toMillis())]++;
        }
    }

    public long offers() {
        return offers;
    }

    public long open() {
        return open;
    }

    public long withdrawn() {
        return withdrawn;
    }

    public long accepted() {
        return accepted;
    }

    public long declined() {
        return declined;
    }

    public long expired() {
        return expired;
    }

    public long answered() {
        return answered;
    }

    public long answerMillis() {
        return answerMillis;
    }

    public long[] answerBuckets() {
        return answerBuckets.clone();
    }
}
