package org.leadrelay.console.deadletters.web;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leadrelay.console.audit.AuditTrail;
import org.leadrelay.console.deadletters.DeadLetter;
import org.leadrelay.console.deadletters.HandlingDeadLetters;
import org.leadrelay.events.Topics;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The dead letters waiting for an operator, per dead-letter topic, and the two things to do with
 * one: replay it to its original topic, or discard it. Only operators see payloads (they may hold
 * personal data) and act; every action needs a reason and goes to the audit trail.
 */
@Controller
class DeadLetterPages {

    /** Dead letters per page: each shows its payload, so a page stays small. */
    static final int SHOWN = 50;
    static final int PREVIEW = 600;
    static final int ACTIONS = 20;
    /** What a notice can say: {@code ?done=} anything else shows none. */
    static final java.util.Set<String> NOTICES = java.util.Set.of("replayed", "discarded", "reason-missing", "not-found", "already-handled",
            "no-topic", "failed");

    private final HandlingDeadLetters handling;
    private final AuditTrail audit;
    private final Clock clock;

    DeadLetterPages(HandlingDeadLetters handling, AuditTrail audit, Clock clock) {
        this.handling = handling;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/dead-letters")
    String page(@RequestParam(required = false) String done, @RequestParam(required = false) String record,
            @RequestParam(defaultValue = "1") int page, Model model) {
        page = Math.max(1, page);
        Instant now = clock.instant();
        Map<String, List<Row>> byTopic = new LinkedHashMap<>();
        for (String topic : Topics.ALL) {
            byTopic.put(Topics.deadLetterOf(topic), new ArrayList<>());
        }
        // one more than a page, to know whether older ones follow
        List<DeadLetter> read = handling.waiting((page - 1) * SHOWN, SHOWN + 1);
        List<DeadLetter> waiting = read.subList(0, Math.min(SHOWN, read.size()));
        for (DeadLetter letter : waiting) {
            byTopic.computeIfAbsent(letter.dlqTopic(), topic -> new ArrayList<>()).add(Row.of(letter, now));
        }
        List<Group> groups = new ArrayList<>();
        byTopic.forEach((topic, rows) -> groups.add(new Group(topic, rows)));
        model.addAttribute("groups", groups);
        model.addAttribute("total", waiting.size());
        model.addAttribute("page", page);
        model.addAttribute("first", (page - 1) * SHOWN + 1);
        model.addAttribute("last", (page - 1) * SHOWN + waiting.size());
        model.addAttribute("older", read.size() > SHOWN);
        model.addAttribute("actions", audit.latest(200).stream().filter(entry -> entry.action().startsWith("dead-letter.")).limit(ACTIONS)
                .toList());
        model.addAttribute("done", done != null && NOTICES.contains(done) ? done : null);
        model.addAttribute("record", record);
        return "dead-letters";
    }

    @PostMapping("/dead-letters/{id}/replay")
    RedirectView replay(@PathVariable String id, @RequestParam(required = false) String reason, Principal principal, RedirectAttributes flash) {
        if (blank(reason)) {
            return back("reason-missing", id);
        }
        return answer(handling.replay(id, principal.getName(), reason(reason)), "replayed", id, flash);
    }

    @PostMapping("/dead-letters/{id}/discard")
    RedirectView discard(@PathVariable String id, @RequestParam(required = false) String reason, Principal principal, RedirectAttributes flash) {
        if (blank(reason)) {
            return back("reason-missing", id);
        }
        return answer(handling.discard(id, principal.getName(), reason(reason)), "discarded", id, flash);
    }

    private static RedirectView answer(HandlingDeadLetters.Result result, String done, String id, RedirectAttributes flash) {
        if (result.outcome() == HandlingDeadLetters.Outcome.DONE) {
            return back(done, id);
        }
        flash.addFlashAttribute("detail", result.detail());
        return back(result.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), id);
    }

    /** A 303 to the page, its notice in view. */
    private static RedirectView back(String done, String id) {
        return seeOther(UriComponentsBuilder.fromPath("/dead-letters").queryParam("done", done).queryParam("record", id)
                .fragment("notice").encode().build().toUriString());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String reason(String text) {
        String reason = text.strip();
        return reason.length() > HandlingDeadLetters.REASON_LENGTH ? reason.substring(0, HandlingDeadLetters.REASON_LENGTH) : reason;
    }

    /** One dead-letter topic and its waiting records. */
    record Group(String topic, List<Row> rows) {
    }

    /** A dead letter as the page shows it; {@code preview} is rendered for operators only. */
    record Row(DeadLetter letter, String key, String preview, Duration age, boolean actionable) {

        static Row of(DeadLetter letter, Instant now) {
            Instant since = letter.deadLetteredAt() != null ? letter.deadLetteredAt() : letter.storedAt();
            Duration age = since == null ? null : Duration.between(since, now);
            return new Row(letter, letter.keyText(), letter.preview(PREVIEW), age == null || age.isNegative() ? Duration.ZERO : age,
                    letter.actionable(now));
        }

        /** The message key of the age: {@code deadletters.age.minutes}, {@code .hours} or {@code .days}. */
        public String ageKey() {
            long minutes = age.toMinutes();
            return "deadletters.age." + (minutes < 60 ? "minutes" : minutes < 48 * 60 ? "hours" : "days");
        }

        /** The age's amount in its unit. */
        public long ageAmount() {
            long minutes = age.toMinutes();
            return minutes < 60 ? minutes : minutes < 48 * 60 ? age.toHours() : age.toDays();
        }

        /** What is left in the next smaller unit. */
        public long ageRest() {
            long minutes = age.toMinutes();
            return minutes < 60 ? 0 : minutes < 48 * 60 ? minutes % 60 : age.toHours() % 24;
        }
    }

    /** A 303 See Other: the browser GETs the page after the form's POST. */
    private static RedirectView seeOther(String url) {
        RedirectView view = new RedirectView(url, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        return view;
    }
}
