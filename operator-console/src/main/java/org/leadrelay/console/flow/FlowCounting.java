package org.leadrelay.console.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongFunction;
import org.leadrelay.console.leads.LeadStory;
import org.leadrelay.console.leads.StoryChange;
import org.leadrelay.console.leads.StoryListener;

/**
 * Counts each lead event in the minute of its own time, and the times to assign and to accept: a
 * batch's counts are added up first, so each minute it touches is one write.
 */
public class FlowCounting implements StoryListener {

    private final FlowMinutes minutes;

    public FlowCounting(FlowMinutes minutes) {
        this.minutes = minutes;
    }

    @Override
    public void added(List<StoryChange> changes) {
        Map<Long, Tally> tallies = new TreeMap<>();
        for (StoryChange change : changes) {
            count(change, minute -> tallies.computeIfAbsent(minute, Tally::new));
        }
        if (!tallies.isEmpty()) {
            minutes.add(tallies.values().stream().map(Tally::minute).toList());
        }
    }

    private static void count(StoryChange change, LongFunction<Tally> tally) {
        FlowKind kind = FlowKind.of(change.added().type());
        if (kind == null) {
            return;
        }
        LeadStory before = change.before();
        LeadStory after = change.after();
        if (kind == FlowKind.RECEIVED && before.assignedAt() != null) {
            // the offer was recorded before the lead itself (another topic): its times are known only now
            Tally atOffer = tally.apply(before.assignedAt().getEpochSecond() / 60);
            atOffer.toAssign(after.timeToAssign());
            if (before.acceptedAt() != null) {
                atOffer.toAccept(after.timeToAccept());
            }
        }
        Tally own = tally.apply(change.added().time().getEpochSecond() / 60);
        own.counts.merge(kind.key(), 1L, Long::sum);
        if (kind == FlowKind.RECEIVED) {
            own.recent.add(after.leadId());
        } else if (kind == FlowKind.ASSIGNED) {
            own.toAssign(after.timeToAssign());
        } else if (kind == FlowKind.ACCEPTED) {
            own.toAccept(after.timeToAccept());
        }
    }

    /** One minute's share of a batch. */
    private static final class Tally {
        private final long minute;
        private final Map<String, Long> counts = new HashMap<>();
        private final long[] toAssign = new long[LatencyBuckets.COUNT];
        private final long[] toAccept = new long[LatencyBuckets.COUNT];
        private final List<UUID> recent = new ArrayList<>();

        Tally(long minute) {
            this.minute = minute;
        }

        void toAssign(Duration took) {
            if (took != null) {
                toAssign[LatencyBuckets.of(Math.max(0, took.toMillis()))]++;
            }
        }

        void toAccept(Duration took) {
            if (took != null) {
                toAccept[LatencyBuckets.of(Math.max(0, took.toMillis()))]++;
            }
        }

        FlowMinute minute() {
            return new FlowMinute(minute, counts, toAssign, toAccept, recent);
        }
    }
}
