package org.leadrelay.console.deliveries.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.leadrelay.console.deliveries.DisabledEndpoint;
import org.leadrelay.console.deliveries.EnablingEndpoints;
import org.leadrelay.console.deliveries.EndpointHealth;
import org.leadrelay.console.deliveries.EndpointHealths;
import org.leadrelay.console.deliveries.RetryUnderWay;
import org.leadrelay.console.services.ServiceClient;
import org.leadrelay.events.Channel;
import org.leadrelay.events.PartnerId;
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
 * Deliveries to partners: the endpoints failing now and the retries under way (the console's own
 * read of the notification events), the endpoints disabled after a 410 answer (asked of
 * notification-service when the page is shown), and enabling one again (operators, with a reason,
 * audited).
 */
@Controller
class DeliveryPages {

    static final int SHOWN = 200;
    static final int REASON_LENGTH = 500;
    static final Set<String> NOTICES = Set.of("enabled", "refused", "reason-missing");

    private final EndpointHealths endpoints;
    private final EnablingEndpoints enabling;

    DeliveryPages(EndpointHealths endpoints, EnablingEndpoints enabling) {
        this.endpoints = endpoints;
        this.enabling = enabling;
    }

    @GetMapping("/deliveries")
    String page(@RequestParam(required = false) String done, @RequestParam(required = false) String partner, Model model) {
        List<EndpointHealth> troubled = endpoints.troubled(SHOWN);
        model.addAttribute("failing", troubled.stream().filter(EndpointHealth::failing).toList());
        List<Retry> retrying = new ArrayList<>();
        for (EndpointHealth endpoint : troubled) {
            for (RetryUnderWay retry : endpoint.retries()) {
                retrying.add(new Retry(endpoint.partnerId(), endpoint.partnerName(), endpoint.channel(), retry));
            }
        }
        retrying.sort(Comparator.comparing((Retry retry) -> retry.retry().failedAt()).reversed());
        model.addAttribute("retrying", retrying);
        List<Disabled> disabled = List.of();
        try {
            List<DisabledEndpoint> listed = enabling.disabled();
            Map<UUID, String> names = new HashMap<>();
            for (EndpointHealth known : endpoints.ofPartners(listed.stream().map(DisabledEndpoint::partnerId).toList())) {
                if (known.partnerName() != null) {
                    names.put(known.partnerId(), known.partnerName());
                }
            }
            disabled = listed.stream().map(endpoint -> new Disabled(endpoint, names.get(endpoint.partnerId()))).toList();
        } catch (ServiceClient.Refused e) {
            model.addAttribute("disabledUnknown", e.getMessage());
        } catch (RuntimeException e) {
            model.addAttribute("disabledUnknown", "notification-service could not be reached");
        }
        model.addAttribute("disabled", disabled);
        model.addAttribute("done", done != null && NOTICES.contains(done) ? done : null);
        model.addAttribute("partner", partner);
        return "deliveries";
    }

    @PostMapping("/deliveries/disabled/{partnerId}/enable")
    RedirectView enable(@PathVariable UUID partnerId, @RequestParam(required = false) String reason, Principal principal,
            RedirectAttributes flash) {
        if (reason == null || reason.isBlank()) {
            return back("reason-missing", partnerId);
        }
        String why = reason.strip();
        String refusal = enabling.enable(PartnerId.of(partnerId), principal.getName(), why.length() > REASON_LENGTH ? why.substring(0, REASON_LENGTH) : why);
        if (refusal != null) {
            flash.addFlashAttribute("detail", refusal);
            return back("refused", partnerId);
        }
        return back("enabled", partnerId);
    }

    /** A 303 to the page, its notice in view. */
    private static RedirectView back(String done, UUID partnerId) {
        return seeOther(UriComponentsBuilder.fromPath("/deliveries").queryParam("done", done).queryParam("partner", partnerId)
                .fragment("notice").build().toUriString());
    }

    /** A retry under way, with its partner. */
    record Retry(UUID partnerId, String partnerName, Channel channel, RetryUnderWay retry) {
    }

    /** A disabled endpoint, with its partner's name when the console knows it. */
    record Disabled(DisabledEndpoint endpoint, String partnerName) {
    }

    /** A 303 See Other: the browser GETs the page after the form's POST. */
    private static RedirectView seeOther(String url) {
        RedirectView view = new RedirectView(url, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        return view;
    }
}
