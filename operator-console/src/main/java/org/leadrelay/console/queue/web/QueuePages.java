package org.leadrelay.console.queue.web;

import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.leadrelay.console.queue.FixingQueue;
import org.leadrelay.console.queue.UnroutableLead;
import org.leadrelay.console.queue.UnroutableLeads;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;
import jakarta.servlet.http.HttpServletResponse;
import org.leadrelay.events.LeadId;
import org.leadrelay.events.PartnerId;

/**
 * The unroutable queue: every waiting lead, why nobody fitted and the partners that came closest;
 * operators assign one by hand or reopen the lead. After an action the page is shown again (303) with
 * what the router answered in {@code #notice}; a form with a missing reason or a bad partner id is
 * shown again with what is wrong, and nothing is sent.
 */
@Controller
class QueuePages {

    static final int MOST_SHOWN = 500;

    private final UnroutableLeads queue;
    private final FixingQueue fixing;

    QueuePages(UnroutableLeads queue, FixingQueue fixing) {
        this.queue = queue;
        this.fixing = fixing;
    }

    @GetMapping("/queue")
    String page(@RequestParam(required = false) String done, @RequestParam(required = false) String refused, Model model) {
        List<UnroutableLead> leads = queue.oldestFirst(MOST_SHOWN);
        model.addAttribute("leads", leads);
        model.addAttribute("mostShown", MOST_SHOWN);
        model.addAttribute("mostReason", FixingQueue.MOST_REASON);
        model.addAttribute("done", "assigned".equals(done) || "reopened".equals(done) ? done : null);
        model.addAttribute("refused", "assigned".equals(refused) || "reopened".equals(refused) ? refused : null);
        return "queue";
    }

    @PostMapping("/queue/{leadId}/assignment")
    Object assign(@PathVariable String leadId, @RequestParam(required = false) String partnerId,
            @RequestParam(required = false) String reason, Principal operator,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        UUID lead = uuid(leadId);
        UUID partner = uuid(partnerId);
        String problem = lead == null ? "queue.problem.lead"
                : partner == null ? "queue.problem.partner"
                : reason == null || reason.isBlank() ? "queue.problem.reason"
                : reason.strip().length() > FixingQueue.MOST_REASON ? "queue.problem.reasonLength" : null;
        if (problem != null) {
            return refuse(problem, leadId, model, response);
        }
        FixingQueue.Outcome outcome = fixing.assign(LeadId.of(lead), PartnerId.of(partner), reason, operator.getName());
        return after("assigned", outcome, lead, partner, redirect);
    }

    @PostMapping("/queue/{leadId}/reopen")
    Object reopen(@PathVariable String leadId, @RequestParam(required = false) String reason, Principal operator, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        UUID lead = uuid(leadId);
        if (lead == null) {
            return refuse("queue.problem.lead", leadId, model, response);
        }
        if (reason != null && reason.strip().length() > FixingQueue.MOST_REASON) {
            return refuse("queue.problem.reasonLength", leadId, model, response);
        }
        return after("reopened", fixing.reopen(LeadId.of(lead), reason, operator.getName()), lead, null, redirect);
    }

    /** The page again, with what is wrong in the form: nothing was sent. */
    private String refuse(String problem, String leadId, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("problem", problem);
        model.addAttribute("problemLead", leadId);
        return page(null, null, model);
    }

    private static View after(String action, FixingQueue.Outcome outcome, UUID lead, UUID partner, RedirectAttributes redirect) {
        redirect.addFlashAttribute("noticeLead", lead.toString());
        redirect.addFlashAttribute("noticePartner", partner == null ? null : partner.toString());
        redirect.addFlashAttribute("noticeDetail", outcome.detail());
        String url = UriComponentsBuilder.fromPath("/queue").queryParam(outcome.done() ? "done" : "refused", action).build().toUriString();
        RedirectView view = new RedirectView(url, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        return view;
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
}
