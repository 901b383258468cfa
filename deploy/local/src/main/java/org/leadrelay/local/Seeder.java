package org.leadrelay.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.core.type.TypeReference;

/**
 * On first start, registers the demo partner network through partner-directory's public API, each
 * partner's webhook pointing at the demo partner endpoint, and keeps the secrets the partners were
 * given so the demo partner can verify their webhooks after a restart too.
 */
final class Seeder {

    /** The local stack's operator account, as the launcher configures partner-directory. */
    static final String OPERATOR_NAME = "operator";
    static final String OPERATOR_PASSWORD = "local-operator-password";
    private static final String OPERATOR = "Basic " + java.util.Base64.getEncoder().encodeToString(
            (OPERATOR_NAME + ":" + OPERATOR_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final DataDirectory data;
    private final HttpClient http = HttpClient.newHttpClient();

    Seeder(DataDirectory data) {
        this.data = data;
    }

    /** The secrets of the partners seeded so far, by slug. */
    Map<String, String> secrets() {
        if (!Files.exists(data.partnerSecrets())) {
            return Map.of();
        }
        try {
            return WebPages.JSON.readValue(data.partnerSecrets().toFile(), new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (RuntimeException e) {
            throw new StackException("unreadable " + data.partnerSecrets() + ": " + e.getMessage(), e);
        }
    }

    boolean seeded() {
        return Files.exists(data.seededMarker());
    }

    /** Registers the partners of seed/partners.json; returns how many. */
    int seed(URI directory, URI demoPartner, DemoPartner endpoint, PrintStream console) {
        JsonNode partners = resource("seed/partners.json");
        Map<String, String> secrets = new LinkedHashMap<>(secrets());
        for (JsonNode partner : partners) {
            ObjectNode body = ((ObjectNode) partner).deepCopy();
            String path = body.remove("webhookPath").asString();
            String slug = path.substring(DemoPartner.PATH.length());
            if (secrets.containsKey(slug)) {
                continue; // registered by an earlier, interrupted seeding
            }
            body.put("webhookUrl", demoPartner.resolve(path).toString());
            JsonNode registered = post(directory.resolve("/api/partners"), body);
            String secret = registered.get("webhookSecret").asString();
            secrets.put(slug, secret);
            endpoint.knowSecret(slug, secret);
            WebPages.JSON.writeValue(data.partnerSecrets().toFile(), secrets);
        }
        try {
            Files.writeString(data.seededMarker(), partners.size() + " partners\n");
        } catch (IOException e) {
            throw new StackException("cannot write " + data.seededMarker(), e);
        }
        console.println("Seeded " + partners.size() + " partners across FR, BE, CH, LU, DE and CA.");
        return partners.size();
    }

    static JsonNode resource(String name) {
        try (InputStream in = Seeder.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the launcher");
            }
            return WebPages.JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode post(URI uri, JsonNode body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("Authorization", OPERATOR)
                    .POST(HttpRequest.BodyPublishers.ofString(WebPages.JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new StackException("seeding a partner failed with HTTP " + response.statusCode() + ": " + response.body());
            }
            return WebPages.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new StackException("seeding failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("seeding interrupted");
        }
    }
}
