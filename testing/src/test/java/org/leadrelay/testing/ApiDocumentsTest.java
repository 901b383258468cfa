package org.leadrelay.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenAPI documents under docs/api pass {@link OpenApiLint}. Each service's integration test
 * keeps its document equal to what the running service serves (OpenApiDocs), so together they lint
 * the services' own descriptions.
 */
class ApiDocumentsTest {

    static final Path DOCS = Path.of("..", "docs", "api");

    static Stream<Path> documents() throws IOException {
        List<Path> documents;
        try (Stream<Path> files = Files.list(DOCS)) {
            documents = files.filter(file -> file.getFileName().toString().endsWith(".openapi.json")).sorted().toList();
        }
        assertThat(documents).as("the services' OpenAPI documents").hasSize(4);
        return documents.stream();
    }

    @ParameterizedTest
    @MethodSource("documents")
    void eachCommittedOpenApiDocumentPassesTheLinter(Path document) throws IOException {
        assertThat(OpenApiLint.lint(Files.readString(document, StandardCharsets.UTF_8))).as(document.toString()).isEmpty();
    }
}
