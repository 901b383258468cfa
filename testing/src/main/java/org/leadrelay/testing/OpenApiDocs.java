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
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the OpenAPI description committed under docs/api true to the running service: a test
 * fetches {@code /v3/api-docs} and compares. With {@code -Dleadrelay.docs.update=true} it rewrites
 * the file instead, to be committed with the change that moved the API.
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
        description.remove("servers"); // the test's random port
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
}
