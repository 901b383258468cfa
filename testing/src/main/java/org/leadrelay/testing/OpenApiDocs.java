package org.leadrelay.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the OpenAPI description committed under docs/api true to the running service: a test
 * fetches {@code /v3/api-docs} and compares. With {@code -Dleadrelay.docs.update=true} it rewrites
 * the file instead, to be committed with the change that moved the API. {@link #assertSignInAsDocumented}
 * checks the security requirements it states against the service itself.
 */
public final class OpenApiDocs {

    public static final String UPDATE_PROPERTY = "leadrelay.docs.update";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private OpenApiDocs() {
    }

    public static void assertCurrent(URI service, Path committed) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(service.resolve("/v3/api-docs")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        ObjectNode description = (ObjectNode) JSON.readTree(response.body());
        String current = JSON.writeValueAsString(JSON.treeToValue(description, Object.class)) + "\n";
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, current, StandardCharsets.UTF_8);
        }
        assertThat(committed).as("the committed OpenAPI description; write it with -D" + UPDATE_PROPERTY + "=true").exists();
        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as(committed + " is out of date: rerun with -D" + UPDATE_PROPERTY + "=true and commit it")
                .isEqualTo(current);
    }

    /**
     * Sends every operation of the committed description to the service without credentials: one
     * that names a security requirement must answer 401, one that says it needs none
     * ({@code security: []}) must not. Path parameters get the nil UUID and bodies are empty, so
     * an open operation refuses the request (400, 404, a bot's 303) and changes nothing.
     */
    public static void assertSignInAsDocumented(URI service, Path committed) throws IOException, InterruptedException {
        JsonNode description = JSON.readTree(Files.readString(committed, StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newHttpClient();
        List<String> untrue = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : description.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                JsonNode security = operation.getValue().path("security");
                boolean signIn = !security.isEmpty() && security.valueStream().noneMatch(JsonNode::isEmpty);
                int status = client.send(anonymous(service, path.getKey(), operation.getKey(), operation.getValue()),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (signIn != (status == 401)) {
                    untrue.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + (signIn ? " needs sign-in" : " needs none")
                            + " but answered " + status + " without credentials");
                }
            }
        }
        assertThat(untrue).as("operations whose security requirement in " + committed + " is not what the service does").isEmpty();
    }

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
    private static final String NIL = "00000000-0000-0000-0000-000000000000";

    private static HttpRequest anonymous(URI service, String path, String method, JsonNode operation) {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(path.replaceAll("\\{[^}]+}", NIL)));
        Iterator<String> types = operation.path("requestBody").path("content").propertyNames().iterator();
        if (types.hasNext()) {
            String type = types.next();
            request.header("Content-Type", type).method(method.toUpperCase(Locale.ROOT),
                    HttpRequest.BodyPublishers.ofString(type.contains("json") ? "{}" : ""));
        } else {
            request.method(method.toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.noBody());
        }
        return request.build();
    }
}
