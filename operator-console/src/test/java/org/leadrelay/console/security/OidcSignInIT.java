package org.leadrelay.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.leadrelay.console.ConsoleApplication;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With an OIDC provider configured, the sign-in page offers it and sends the browser to the
 * provider's authorisation endpoint with the console's client id, the openid scope and its own
 * redirect address; the local accounts' form stays.
 */
@WithInfrastructure
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + ConsoleApplication.CONFIG_NAME,
        "spring.security.oauth2.client.registration.corp.client-id=lead-relay-console",
        "spring.security.oauth2.client.registration.corp.client-secret=not-a-real-secret",
        "spring.security.oauth2.client.registration.corp.client-name=Corp SSO",
        "spring.security.oauth2.client.registration.corp.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.corp.scope=openid,profile",
        "spring.security.oauth2.client.registration.corp.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.provider.corp.authorization-uri=http://127.0.0.1:9/authorize",
        "spring.security.oauth2.client.provider.corp.token-uri=http://127.0.0.1:9/token",
        "spring.security.oauth2.client.provider.corp.jwk-set-uri=http://127.0.0.1:9/jwks",
        "spring.security.oauth2.client.provider.corp.user-name-attribute=sub"})
class OidcSignInIT {

    @LocalServerPort
    int port;

    @Test
    void the_sign_in_page_offers_the_provider_and_sends_the_browser_there() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/signin")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("/oauth2/authorization/corp").contains("Sign in with Corp SSO").contains("name=\"password\"");

        HttpResponse<Void> redirect = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/authorization/corp")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("http://127.0.0.1:9/authorize?").contains("response_type=code").contains("client_id=lead-relay-console")
                .contains("scope=openid%20profile").contains("redirect_uri=http://127.0.0.1:" + port + "/login/oauth2/code/corp")
                .contains("state=").contains("nonce=");
    }
}
