package org.leadrelay.console.partners.web;

import org.leadrelay.console.partners.WatchingPartners;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The partners page: {@code ?page=} (from 0, 50 by name a page) and the ledger's window {@code ?days=7|30|90}. */
@Controller
class PartnerPages {

    private final WatchingPartners partners;

    PartnerPages(WatchingPartners partners) {
        this.partners = partners;
    }

    @GetMapping("/partners")
    String page(@RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "7") String days, Model model) {
        model.addAttribute("view", partners.page(number(page, 0), number(days, 7)));
        model.addAttribute("windows", WatchingPartners.WINDOWS);
        return "partners";
    }

    private static int number(String text, int otherwise) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
