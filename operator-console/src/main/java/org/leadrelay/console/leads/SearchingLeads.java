package org.leadrelay.console.leads;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Finds leads for the search page: a person's leads by their ids (lead-intake found them by the
 * person's email), else through the {@link LeadIndex}: the key that narrows most (the partner, else the state, else the country, else every lead), day by day from the
 * newest within the range, then the stories of those leads, filtered by what the key did not
 * cover. A search looks at {@link #EXAMINED} leads at most and says when it stopped early.
 */
public class SearchingLeads {

    /** With no dates, the search covers this many days up to today. */
    public static final Duration DEFAULT_RANGE = Duration.ofDays(31);
    /** The most leads one search reads the stories of. */
    public static final int EXAMINED = 5_000;
    private static final int BATCH = 250;

    private final LeadIndex index;
    private final LeadStories stories;
    private final Clock clock;

    public SearchingLeads(LeadIndex index, LeadStories stories, Clock clock) {
        this.index = index;
        this.stories = stories;
        this.clock = clock;
    }

    /**
     * @param leads      the matching leads, newest first
     * @param from       the start of the range searched
     * @param to         its end (exclusive)
     * @param incomplete true when the search stopped at {@link #EXAMINED} leads: narrow it to see older ones
     */
    public record Found(List<LeadStory> leads, Instant from, Instant to, boolean incomplete) {
    }

    public Found search(LeadSearch search) {
        Instant to = search.to() != null ? search.to() : clock.instant().plus(Duration.ofMinutes(1));
        Instant from = search.from() != null ? search.from() : to.minus(DEFAULT_RANGE);
        LeadIndex.Page page = search.leadIds() != null ? new LeadIndex.Page(ofPerson(search.leadIds()), false)
                : index.newest(keys(search, from, to), EXAMINED);
        List<LeadIndex.Entry> entries = new ArrayList<>(page.entries());
        entries.sort(Comparator.comparing(LeadIndex.Entry::at).reversed());
        Set<UUID> candidates = new LinkedHashSet<>();
        for (LeadIndex.Entry entry : entries) {
            if (!entry.at().isBefore(from) && entry.at().isBefore(to)) {
                candidates.add(entry.leadId());
            }
        }
        List<LeadStory> found = new ArrayList<>();
        List<UUID> ordered = new ArrayList<>(candidates);
        for (int start = 0; start < ordered.size() && found.size() < search.limit(); start += BATCH) {
            List<UUID> batch = ordered.subList(start, Math.min(ordered.size(), start + BATCH));
            Map<UUID, LeadStory> byId = new HashMap<>();
            stories.findAll(batch).forEach(story -> byId.put(story.leadId(), story));
            for (UUID id : batch) {
                LeadStory story = byId.get(id);
                if (story != null && matches(story, search) && found.size() < search.limit()) {
                    found.add(story);
                }
            }
        }
        return new Found(found, from, to, page.more());
    }

    /** A person's leads, at the time each was received (by key: their stories). */
    private List<LeadIndex.Entry> ofPerson(List<UUID> leadIds) {
        List<LeadIndex.Entry> entries = new ArrayList<>();
        for (LeadStory story : stories.findAll(leadIds.stream().limit(EXAMINED).toList())) {
            if (story.receivedAt() != null) {
                entries.add(new LeadIndex.Entry(story.leadId(), story.receivedAt()));
            }
        }
        return entries;
    }

    private static List<String> keys(LeadSearch search, Instant from, Instant to) {
        List<String> keys = new ArrayList<>();
        LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC); !day.isBefore(first); day = day.minusDays(1)) {
            if (search.partnerId() != null) {
                keys.add(LeadIndex.partner(search.partnerId(), day));
            } else if (search.state() != null) {
                keys.add(LeadIndex.state(search.state(), day));
            } else if (search.country() != null) {
                keys.add(LeadIndex.country(search.country(), day));
            } else {
                keys.add(LeadIndex.day(day));
            }
        }
        return keys;
    }

    private static boolean matches(LeadStory story, LeadSearch search) {
        return (search.state() == null || story.state() == search.state())
                && (search.country() == null || search.country().equals(story.country()))
                && (search.partnerId() == null || search.partnerId().equals(story.partnerId()) || offeredTo(story, search.partnerId()));
    }

    /** A partner search lists every lead offered to the partner, not only those it holds now. */
    private static boolean offeredTo(LeadStory story, UUID partnerId) {
        String id = partnerId.toString();
        return story.events().stream().anyMatch(event -> event.json().contains(id));
    }
}
