package org.leadrelay.console.erasures.web;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.console.erasures.ExportingPersonalData;
import org.leadrelay.console.erasures.RequestingErasures;
import org.leadrelay.console.erasures.TrackingErasures;
import org.leadrelay.events.LeadId;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;
import tools.jackson.databind.json.JsonMapper;

/**
 * The erasures not yet done everywhere, oldest first, those past their deadline marked; and the two
 * ways an operator asks for one, through lead-intake: one lead (from its page), or every lead of a
 * person's email (from this page). A request needs a reason, which goes to the audit trail; after
 * it the page is shown again (303) with intake's answer in {@code #notice}. A form with something
 * missing is shown again with what is wrong, and nothing is sent. Names no person: the email typed
 * is neither shown back nor logged.
 */
@Controller
class ErasurePages {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final TrackingErasures erasures;
    private final RequestingErasures requesting;
    private final ExportingPersonalData exporting;
    private final JsonMapper json = JsonMapper.builder().build();

    private final Clock clock;

    ErasurePages(TrackingErasures erasures, RequestingErasures requesting, ExportingPersonalData exporting, Clock clock) {
        this.clock = clock;
        this.erasures = erasures;
        this.requesting = requesting;
        this.exporting = exporting;
    }

    @GetMapping("/erasures")
    String open(Model model) {
        List<TrackingErasures.View> open = erasures.open().stream().map(erasures::view).toList();
        model.addAttribute("open", open);
        model.addAttribute("overdue", open.stream().filter(TrackingErasures.View::overdue).count());
        model.addAttribute("deadline", readable(erasures.properties().deadline()));
        model.addAttribute("services", erasures.properties().services());
        model.addAttribute("mostReason", RequestingErasures.MOST_REASON);
        return "erasures";
    }

    /** Every lead lead-intake holds with this email. */
    @PostMapping("/erasures")
    Object erasePerson(@RequestParam(required = false) String email, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String basis, Principal operator,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        String problem = email == null || email.isBlank() || !email.contains("@") ? "erasures.problem.email" : reasonProblem(reason);
        if (problem != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", problem);
            return open(model);
        }
        RequestingErasures.Outcome outcome = requesting.erasePerson(email, "consent-withdrawn".equals(basis), reason, operator.getName());
        redirect.addFlashAttribute("noticeDone", outcome.done());
        redirect.addFlashAttribute("noticeDetail", outcome.detail());
        redirect.addFlashAttribute("noticeLeads", outcome.leadIds().stream().map(UUID::toString).toList());
        return seeOther("/erasures");
    }

    /**
     * Everything held about this email, from every service, as one JSON file to download; when a
     * service cannot answer, nothing is exported and the page says which.
     */
    @PostMapping("/erasures/access")
    Object exportPerson(@RequestParam(required = false) String email, @RequestParam(required = false) String reason, Principal operator,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        String problem = email == null || email.isBlank() || !email.contains("@") ? "erasures.problem.email" : reasonProblem(reason);
        if (problem != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", problem);
            return open(model);
        }
        try {
            Map<String, Object> document = exporting.export(email, reason, operator.getName());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename("leadrelay-access-" + FILE_TIME.format(clock.instant()) + ".json").build().toString())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
        } catch (ExportingPersonalData.Incomplete incomplete) {
            redirect.addFlashAttribute("accessRefused", incomplete.getMessage());
            return seeOther("/erasures");
        }
    }

    /** One lead, from its page. */
    @PostMapping("/leads/{leadId}/erasure")
    Object eraseLead(@PathVariable String leadId, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String basis, Principal operator,
            RedirectAttributes redirect) {
        UUID lead = uuid(leadId);
        String problem = lead == null ? "erasures.problem.lead" : reasonProblem(reason);
        if (problem != null) {
            redirect.addFlashAttribute("erasureProblem", problem);
            return seeOther(lead == null ? "/erasures" : "/leads/" + lead);
        }
        RequestingErasures.Outcome outcome = requesting.eraseLead(LeadId.of(lead), "consent-withdrawn".equals(basis), reason, operator.getName());
        redirect.addFlashAttribute("erasureDone", outcome.done());
        redirect.addFlashAttribute("erasureDetail", outcome.detail());
        return seeOther("/leads/" + lead);
    }

    private static String reasonProblem(String reason) {
        return reason == null || reason.isBlank() ? "erasures.problem.reason"
                : reason.strip().length() > RequestingErasures.MOST_REASON ? "erasures.problem.reasonLength" : null;
    }

    private static View seeOther(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        return view;
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code 24 h}, {@code 90 min}, {@code 45 s}: the deadline as the page says it. */
    static String readable(Duration deadline) {
        if (deadline.toSecondsPart() == 0 && deadline.toMinutesPart() == 0) {
            return deadline.toHours() + " h";
        }
        return deadline.getSeconds() % 60 == 0 ? deadline.toMinutes() + " min" : deadline.getSeconds() + " s";
    }
}
