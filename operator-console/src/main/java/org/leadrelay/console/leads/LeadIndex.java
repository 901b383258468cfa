package org.leadrelay.console.leads;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The search's own index: for each key (every lead of a day, a country's leads of a day, the leads
 * offered to a partner on a day, the leads in a state by the day received), the leads in the order
 * they were added, kept in chunks of bounded size. A search reads the newest chunks of the keys it
 * needs by their ids, so it costs the same with a thousand leads stored or a million, on a
 * database that can only look documents up by key.
 */
public interface LeadIndex {

    /** Adds leads under a key, in this order, in one write (adding one twice lists it twice; readers drop repeats). */
    void add(String key, List<Entry> entries);

    /**
     * Up to {@code most} entries of each key, newest chunk first, and whether older entries were
     * left out.
     */
    Page newest(List<String> keys, int most);

    record Entry(UUID leadId, Instant at) {
    }

    record Page(List<Entry> entries, boolean more) {
    }

    static String day(LocalDate day) {
        return "day:" + day;
    }

    static String country(String country, LocalDate day) {
        return "country:" + country + ":" + day;
    }

    static String partner(UUID partnerId, LocalDate day) {
        return "partner:" + partnerId + ":" + day;
    }

    /** Leads that entered a state, by the day they were received (they may have left it since). */
    static String state(LeadState state, LocalDate receivedDay) {
        return "state:" + state.name() + ":" + receivedDay;
    }
}
