package org.leadrelay.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in session of the console over plain HTTP, as a browser without JavaScript has it: the
 * sign-in form with its CSRF token, the session cookie, and the token for every form posted after.
 */
public final class ConsoleBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final URI base;
    private final HttpClient http;

    private ConsoleBrowser(URI base) {
        this(base, HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    private ConsoleBrowser(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** The same browser (its cookies) at another console instance, as a load balancer may send it. */
    public ConsoleBrowser at(URI otherInstance) {
        return new ConsoleBrowser(otherInstance, http);
    }

    /** Signs in; fails when the console does not take the name and password. */
    public static ConsoleBrowser signIn(URI base, String name, String password) {
        ConsoleBrowser browser = new ConsoleBrowser(base);
        HttpResponse<String> signedIn = browser.post("/signin", "username=" + encode(name) + "&password=" + encode(password),
                browser.csrf("/signin"));
        if (signedIn.uri().getPath().equals("/signin") || signedIn.statusCode() != 200) {
            throw new IllegalStateException("could not sign in as " + name + ": " + signedIn.statusCode() + " at " + signedIn.uri());
        }
        return browser;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    /** Posts a form from the page at {@code formPage}, with that page's CSRF token. */
    public HttpResponse<String> postForm(String formPage, String path, String body) {
        return post(path, body, csrf(formPage));
    }

    /** The page's notice (an element {@code id="notice"} with {@code role="status"}): what an action's outcome says. */
    public static String notice(String body) {
        int start = body.indexOf("id=\"notice\"");
        org.assertj.core.api.Assertions.assertThat(start).as("a notice on the page").isNotNegative();
        String notice = body.substring(start, body.indexOf("</div>", start));
        org.assertj.core.api.Assertions.assertThat(notice).contains("role=\"status\"");
        return notice;
    }

    private HttpResponse<String> post(String path, String body, String csrf) {
        String withToken = (body.isEmpty() ? "" : body + "&") + "_csrf=" + encode(csrf);
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(withToken)).build());
    }

    private String csrf(String page) {
        Matcher matcher = CSRF.matcher(get(page).body());
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token on " + page);
        }
        return matcher.group(1);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
