package org.leadrelay.console.erasures;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One erased lead as the console follows it.
 *
 * @param erasedAt when lead-intake erased it (LeadErased); null while only reports have arrived
 * @param reports  each service's report by its name: the console's own, then every {@code LeadErasureCompleted}
 */
public record Erasure(UUID leadId, Instant erasedAt, Map<String, Report> reports) {

    public static final String CONSOLE = "operator-console";

    public Erasure {
        reports = Map.copyOf(reports);
    }

    /** @param summary what the service did, naming no person */
    public record Report(Instant at, String summary) {
    }

    /** One line of the erasure's progress: a service, and its report or null while it has none. */
    public record Step(String service, Report report) {
    }

    /** The console's own part, then each service expected to report, in the order configured. */
    public List<Step> steps(List<String> expected) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(CONSOLE, reports.get(CONSOLE)));
        for (String service : expected) {
            steps.add(new Step(service, reports.get(service)));
        }
        return steps;
    }

    public boolean done(List<String> expected) {
        return erasedAt != null && reports.containsKey(CONSOLE) && expected.stream().allMatch(reports::containsKey);
    }

    /** When it must be done everywhere. */
    public Instant dueBy(Duration deadline) {
        return erasedAt == null ? null : erasedAt.plus(deadline);
    }

    public boolean overdue(List<String> expected, Duration deadline, Instant now) {
        return !done(expected) && erasedAt != null && now.isAfter(dueBy(deadline));
    }

    /** When the last service reported, once it is done. */
    public Instant doneAt(List<String> expected) {
        return done(expected) ? reports.values().stream().map(Report::at).max(Instant::compareTo).orElse(null) : null;
    }
}
