package org.leadrelay.kit.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The pieces every service with an operator API uses in its security filter chain: the local
 * operator accounts from configuration, and 401 / 403 answered as RFC 9457 problem details, as
 * every other refusal is.
 */
public final class OperatorAccounts {

    public static final String OPERATOR = "OPERATOR";

    private OperatorAccounts() {
    }

    /**
     * The accounts, name to password in Spring Security's encoded form ({@code {bcrypt}...}), with the
     * OPERATOR role. A published or short password stops the service's start outside development
     * mode (StartupSafety).
     */
    public static UserDetailsService of(Map<String, String> accounts) {
        List<UserDetails> users = accounts.entrySet().stream()
                .map(account -> User.withUsername(account.getKey()).password(account.getValue()).roles(OPERATOR).build()).toList();
        return new InMemoryUserDetailsManager(users);
    }

    /** 401 with a Basic challenge and a problem saying who may sign in. */
    public static void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Lead Relay operators\"");
        problem(response, 401, "Unauthorized", detail);
    }

    /** 403: signed in, but not allowed to do this. */
    public static void forbidden(HttpServletResponse response, String detail) throws IOException {
        problem(response, 403, "Forbidden", detail);
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
