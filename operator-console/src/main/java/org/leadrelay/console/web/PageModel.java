package org.leadrelay.console.web;

import java.security.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's frame needs: who is signed in, and whether they may see personal data and act. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
public class PageModel {

    @ModelAttribute("user")
    String user(Principal principal) {
        return principal == null ? null : principal.getName();
    }

    /** Operators see personal data and act; viewers do neither. */
    @ModelAttribute("operator")
    boolean operator(Principal principal) {
        return isOperator(principal);
    }

    public static boolean isOperator(Principal principal) {
        return principal instanceof Authentication authentication && authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch("ROLE_OPERATOR"::equals);
    }
}
