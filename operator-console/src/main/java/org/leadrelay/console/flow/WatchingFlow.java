package org.leadrelay.console.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.console.leads.LeadStories;
import org.leadrelay.console.leads.LeadStory;

/**
 * Puts the live flow together from the minutes' counters (the last hour's 60 documents, read by
 * key), the last leads' stories and the consumer groups' lag.
 */
public class WatchingFlow {

    public static final int MINUTES = 60;
    public static final int PERCENTILE_MINUTES = 15;
    public static final int RECENT = 20;
    /** How often an open page gets a new snapshot. */
    public static final Duration PUSH_INTERVAL = Duration.ofSeconds(1);

    private final FlowMinutes minutes;
    private final LeadStories stories;
    private final ConsumerLags lags;
    private final Clock clock;

    public WatchingFlow(FlowMinutes minutes, LeadStories stories, ConsumerLags lags, Clock clock) {
        this.minutes = minutes;
        this.stories = stories;
        this.lags = lags;
        this.clock = clock;
    }

    public FlowSnapshot snapshot() {
        Instant now = clock.instant();
        long current = now.getEpochSecond() / 60;
        List<Long> wanted = new ArrayList<>(MINUTES);
        for (long minute = current - MINUTES + 1; minute <= current; minute++) {
            wanted.add(minute);
        }
        Map<Long, FlowMinute> byMinute = new LinkedHashMap<>();
        for (FlowMinute minute : minutes.read(wanted)) {
            byMinute.put(minute.minute(), minute);
        }
        List<FlowSnapshot.Minute> rows = new ArrayList<>(MINUTES);
        Map<String, Long> totals = new LinkedHashMap<>();
        for (FlowKind kind : FlowKind.values()) {
            totals.put(kind.key(), 0L);
        }
        long[] toAssign = new long[LatencyBuckets.COUNT];
        long[] toAccept = new long[LatencyBuckets.COUNT];
        for (long minute : wanted) {
            FlowMinute seen = byMinute.get(minute);
            Map<String, Long> counts = new LinkedHashMap<>();
            for (FlowKind kind : FlowKind.values()) {
                long count = seen == null ? 0 : seen.count(kind);
                counts.put(kind.key(), count);
                totals.merge(kind.key(), count, Long::sum);
            }
            rows.add(new FlowSnapshot.Minute(Instant.ofEpochSecond(minute * 60), counts));
            if (seen != null && minute > current - PERCENTILE_MINUTES) {
                add(toAssign, seen.toAssign());
                add(toAccept, seen.toAccept());
            }
        }
        return new FlowSnapshot(now, rows, totals, spread(toAssign), spread(toAccept), recent(wanted, byMinute), lags.current());
    }

    private List<FlowSnapshot.RecentLead> recent(List<Long> wanted, Map<Long, FlowMinute> byMinute) {
        List<UUID> ids = new ArrayList<>();
        for (int i = wanted.size() - 1; i >= 0 && ids.size() < RECENT; i--) {
            FlowMinute minute = byMinute.get(wanted.get(i));
            if (minute != null) {
                List<UUID> recent = minute.recent();
                for (int j = recent.size() - 1; j >= 0 && ids.size() < RECENT; j--) {
                    ids.add(recent.get(j));
                }
            }
        }
        return stories.findAll(ids).stream()
                .sorted(Comparator.comparing(LeadStory::receivedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(story -> new FlowSnapshot.RecentLead(story.leadId(), story.receivedAt(), story.state().name(), story.country(),
                        story.asked(), story.partnerName()))
                .toList();
    }

    private static void add(long[] into, long[] counts) {
        for (int i = 0; i < into.length; i++) {
            into[i] += counts[i];
        }
    }

    private static FlowSnapshot.Spread spread(long[] buckets) {
        long samples = 0;
        for (long count : buckets) {
            samples += count;
        }
        return samples == 0 ? new FlowSnapshot.Spread(null, null, 0)
                : new FlowSnapshot.Spread(LatencyBuckets.quantile(buckets, 0.5), LatencyBuckets.quantile(buckets, 0.9), samples);
    }

}
