package org.leadrelay.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The organisation's OIDC issuer as the service meets it in production
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}), on a loopback port: its discovery
 * document and its JWK set, and access tokens signed with its key. A forger holds a key of its own
 * under the issuer's key id, so that only the signature gives it away.
 */
public final class StubIssuer implements AutoCloseable {

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey forgery;

    private StubIssuer() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("issuer-key").generate();
        forgery = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange, """
                {"issuer": "%1$s", "jwks_uri": "%1$s/jwks", "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"]}""".formatted(uri())));
        server.createContext("/jwks", exchange -> respond(exchange, new JWKSet(key.toPublicJWK()).toString()));
        server.start();
    }

    public static StubIssuer start() {
        try {
            return new StubIssuer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA keys are part of every JDK", e);
        }
    }

    /** The issuer's identifier, which is also where its discovery document is found. */
    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A bearer token for {@code subject} granting {@code scope}, expiring {@code validFor} from now (negative: expired). */
    public String token(String subject, String scope, Duration validFor) {
        return sign(key, subject, scope, validFor);
    }

    /** A token that reads like {@link #token} but is not signed by the issuer's key. */
    public String forged(String subject, String scope, Duration validFor) {
        return sign(forgery, subject, scope, validFor);
    }

    private String sign(RSAKey signer, String subject, String scope, Duration validFor) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(uri()).subject(subject).claim("scope", scope)
                .issueTime(Date.from(now.minus(Duration.ofMinutes(10)))).expirationTime(Date.from(now.plus(validFor))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(signer));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return "Bearer " + jwt.serialize();
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
