package org.leadrelay.console.leads.web;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.leadrelay.console.erasures.TrackingErasures;
import org.leadrelay.console.leads.LeadSearch;
import org.leadrelay.console.leads.LeadState;
import org.leadrelay.console.leads.LeadStories;
import org.leadrelay.console.leads.LeadStory;
import org.leadrelay.console.leads.OpeningLeads;
import org.leadrelay.console.leads.SearchingLeads;
import org.leadrelay.console.leads.StoryEvent;
import org.leadrelay.console.services.ServiceClient;
import org.leadrelay.console.web.PageModel;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.LeadRelayEvent;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.server.ResponseStatusException;

/** A lead's page (its whole story) and the search that finds leads. */
@Controller
class LeadPages {

    private final LeadStories stories;
    private final SearchingLeads searching;
    private final EventCodec codec;
    private final TrackingErasures erasures;
    private final OpeningLeads opening;

    LeadPages(LeadStories stories, SearchingLeads searching, EventCodec codec, TrackingErasures erasures, OpeningLeads opening) {
        this.opening = opening;
        this.stories = stories;
        this.searching = searching;
        this.codec = codec;
        this.erasures = erasures;
    }

    @GetMapping("/leads/{leadId}")
    String lead(@PathVariable String leadId, Principal principal, Model model) {
        UUID id = uuid(leadId);
        LeadStory story = id == null ? null : stories.find(id).orElse(null);
        if (story == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no lead " + leadId);
        }
        model.addAttribute("story", story);
        // the person's data, opened for an operator with the key lead-intake gives; a viewer never sees it
        model.addAttribute("personal", PageModel.isOperator(principal) ? opening.open(story) : OpeningLeads.Opened.NONE_FOR_VIEWERS);
        model.addAttribute("entries", story.events().stream().map(this::entry).toList());
        model.addAttribute("erasure", erasures.find(id).map(erasures::view).orElse(null));
        model.addAttribute("mostReason", org.leadrelay.console.erasures.RequestingErasures.MOST_REASON);
        return "lead";
    }

    @GetMapping("/leads")
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String state,
            @RequestParam(required = false) String partner, @RequestParam(required = false) String country,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String email, Principal principal, Model model) {
        if (q != null && !q.isBlank()) {
            UUID id = uuid(q.strip());
            if (id != null) {
                return "redirect:/leads/" + id;
            }
            model.addAttribute("badQuery", true);
        }
        boolean operator = PageModel.isOperator(principal);
        boolean byEmail = operator && email != null && !email.isBlank();
        List<UUID> ofPerson = null;
        if (byEmail) {
            try {
                ofPerson = opening.leadsOf(email);
            } catch (ServiceClient.Refused | ResourceAccessException e) {
                model.addAttribute("personUnavailable", e instanceof ServiceClient.Refused ? e.getMessage() : "lead-intake did not answer");
                ofPerson = List.of();
            }
        }
        LeadSearch search = new LeadSearch(state(state), uuid(partner), country, ofPerson, day(from, 0), day(to, 1), 100);
        model.addAttribute("states", LeadState.values());
        model.addAttribute("criteria", new Criteria(q, state, partner, country, from, to, operator ? email : null));
        boolean emailRefused = !operator && email != null && !email.isBlank();
        model.addAttribute("emailRefused", emailRefused);
        SearchingLeads.Found found = emailRefused ? null : searching.search(search);
        model.addAttribute("found", found);
        model.addAttribute("results", found == null ? java.util.List.of() : found.leads());
        return "leads";
    }

    /** The search form's values, shown again with the results. */
    record Criteria(String q, String state, String partner, String country, String from, String to, String email) {
    }

    /** One event of the story, read back into its type for the page. */
    public record Entry(StoryEvent stored, LeadRelayEvent event, String kind) {
    }

    private Entry entry(StoryEvent stored) {
        LeadRelayEvent event = codec.read(stored.type(), stored.json().getBytes(StandardCharsets.UTF_8));
        String type = stored.type();
        String kind = type.substring("org.leadrelay.".length(), type.lastIndexOf(".v")).replace('.', '-');
        return new Entry(stored, event, kind);
    }

    private static UUID uuid(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LeadState state(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LeadState.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The start of the day (plus {@code days}) in UTC, from the form's date field. */
    private static Instant day(String text, int days) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip()).plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
