package org.leadrelay.console.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider for tests, on a loopback port: the authorisation code flow as a real
 * provider runs it. {@code /authorize} hands a code to whoever {@link #signsIn} names and sends the
 * browser back; {@code /token} checks the client's credentials and the code and answers with an ID
 * token signed by its RSA key (issuer, subject, audience, expiry, the request's nonce, and the
 * person's groups); {@code /jwks} publishes the public key.
 */
public final class StubOidcProvider implements AutoCloseable {

    private final HttpServer server;
    private final RSAKey key;
    private final String clientId;
    private final String clientSecret;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private volatile Person next;

    private record Person(String subject, List<String> groups) {
    }

    private record Grant(Person person, String nonce, String redirectUri) {
    }

    private StubOidcProvider(String clientId, String clientSecret) throws IOException, JOSEException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.key = new RSAKeyGenerator(2048).keyID("stub-" + UUID.randomUUID()).generate();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/jwks", exchange -> respond(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.start();
    }

    public static StubOidcProvider start(String clientId, String clientSecret) {
        try {
            return new StubOidcProvider(clientId, clientSecret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Who the next authorisation is for, and the groups the provider lists for them. */
    public void signsIn(String subject, List<String> groups) {
        next = new Person(subject, List.copyOf(groups));
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        Person person = next;
        if (person == null || !clientId.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))) {
            respond(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(person, query.get("nonce"), query.get("redirect_uri")));
        String back = query.get("redirect_uri") + "?code=" + code + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(body.getOrDefault("code", ""));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        if (grant == null || !"authorization_code".equals(body.get("grant_type")) || !grant.redirectUri().equals(body.get("redirect_uri"))) {
            respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(base()).subject(grant.person().subject()).audience(clientId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("groups", grant.person().groups());
        if (grant.nonce() != null) {
            claims.claim("nonce", grant.nonce());
        }
        try {
            SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
            idToken.sign(new RSASSASigner(key));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", UUID.randomUUID().toString());
            answer.put("token_type", "Bearer");
            answer.put("expires_in", 300);
            answer.put("scope", "openid profile");
            answer.put("id_token", idToken.serialize());
            respond(exchange, 200, JSONObjectUtils.toJSONString(answer));
        } catch (JOSEException e) {
            respond(exchange, 500, "{\"error\":\"server_error\"}");
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
