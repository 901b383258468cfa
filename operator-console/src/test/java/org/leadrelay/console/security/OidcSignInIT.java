package org.leadrelay.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.console.ConsoleApplication;
import org.leadrelay.console.support.StubOidcProvider;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in through an OpenID Connect provider, the whole authorisation code flow against a stub
 * provider on a loopback port: the sign-in page offers it beside the local accounts' form, the
 * browser goes there and comes back with a code, the console exchanges it for an ID token, checks
 * its signature, audience, expiry and nonce, and gives the person the role their groups claim
 * names. An operator reads the operator-only pages; a viewer is refused them; someone in neither
 * group gets no role at all.
 */
@WithInfrastructure
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + ConsoleApplication.CONFIG_NAME,
        "spring.security.oauth2.client.registration.corp.client-id=" + OidcSignInIT.CLIENT_ID,
        "spring.security.oauth2.client.registration.corp.client-secret=" + OidcSignInIT.CLIENT_SECRET,
        "spring.security.oauth2.client.registration.corp.client-name=Corp SSO",
        "spring.security.oauth2.client.registration.corp.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.corp.scope=openid,profile",
        "spring.security.oauth2.client.registration.corp.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.provider.corp.user-name-attribute=sub"})
class OidcSignInIT {

    static final String CLIENT_ID = "lead-relay-console";
    static final String CLIENT_SECRET = "test-client-secret";
    private static final StubOidcProvider provider = StubOidcProvider.start(CLIENT_ID, CLIENT_SECRET);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void providerEndpoints(DynamicPropertyRegistry properties) {
        properties.add("spring.security.oauth2.client.provider.corp.authorization-uri", () -> provider.base() + "/authorize");
        properties.add("spring.security.oauth2.client.provider.corp.token-uri", () -> provider.base() + "/token");
        properties.add("spring.security.oauth2.client.provider.corp.jwk-set-uri", () -> provider.base() + "/jwks");
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Test
    void the_sign_in_page_offers_the_provider_and_sends_the_browser_there() throws Exception {
        HttpClient http = browser();
        String page = http.send(get("/signin"), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("/oauth2/authorization/corp").contains("Sign in with Corp SSO").contains("name=\"password\"");

        HttpResponse<Void> redirect = http.send(get("/oauth2/authorization/corp"), HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(location(redirect)).startsWith(provider.base() + "/authorize?").contains("response_type=code")
                .contains("client_id=" + CLIENT_ID).contains("scope=openid%20profile")
                .contains("redirect_uri=http://127.0.0.1:" + port + "/login/oauth2/code/corp").contains("state=").contains("nonce=");
    }

    @Test
    void an_operator_signs_in_through_the_provider_and_reads_what_only_operators_may() throws Exception {
        HttpClient http = signIn("ada@corp.example", List.of("leadrelay-operators", "finance"));

        HttpResponse<String> home = http.send(get("/"), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("ada@corp.example");
        assertThat(http.send(get("/actuator/metrics"), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }

    @Test
    void a_viewer_signs_in_and_reads_but_is_refused_what_only_operators_may() throws Exception {
        HttpClient http = signIn("bob@corp.example", List.of("leadrelay-viewers"));

        assertThat(http.send(get("/"), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        assertThat(http.send(get("/actuator/metrics"), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
    }

    @Test
    void someone_in_neither_group_signs_in_but_may_read_nothing() throws Exception {
        HttpClient http = signIn("eve@corp.example", List.of("finance"));

        assertThat(http.send(get("/"), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
    }

    /** The browser's round trip: console, provider, back to the console with the code, then home. */
    private HttpClient signIn(String subject, List<String> groups) throws Exception {
        provider.signsIn(subject, groups);
        HttpClient http = browser();
        HttpResponse<Void> toProvider = http.send(get("/oauth2/authorization/corp"), HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> backWithCode = http.send(HttpRequest.newBuilder(URI.create(location(toProvider))).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(backWithCode.statusCode()).isEqualTo(302);
        assertThat(location(backWithCode)).startsWith("http://127.0.0.1:" + port + "/login/oauth2/code/corp?code=");
        HttpResponse<Void> signedIn = http.send(HttpRequest.newBuilder(URI.create(location(backWithCode))).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(location(signedIn)).as("the console took the provider's ID token").doesNotContain("error");
        return http;
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }
}
