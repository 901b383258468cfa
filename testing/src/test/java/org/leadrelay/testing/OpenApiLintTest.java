package org.leadrelay.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiLintTest {

    @Test
    void aDocumentThatKeepsEveryRulePasses() throws IOException {
        assertThat(OpenApiLint.lint(resource("clean.openapi.json"))).isEmpty();
    }

    @Test
    void everyFaultOfAFaultyDocumentIsReportedUnderItsRule() throws IOException {
        List<OpenApiLint.Finding> findings = OpenApiLint.lint(resource("faulty.openapi.json"));

        assertThat(findings).extracting(OpenApiLint.Finding::rule).contains(
                "spec", "info-description", "no-server-example.com", "no-path-trailing-slash", "operation-operationId-meaningful",
                "operation-operationId-url-safe", "operation-operationId-unique", "operation-summary", "operation-success-response",
                "operation-4xx-response", "problem-details", "security-defined", "sign-in-refusal", "path-parameters-defined",
                "pattern-ecma");
        assertThat(findings).extracting(OpenApiLint.Finding::toString)
                .anyMatch(finding -> finding.contains("POST /things/") && finding.contains("submit_1"))
                .anyMatch(finding -> finding.contains("names the security scheme oidc"))
                .anyMatch(finding -> finding.startsWith("security-defined at GET /unsaid"))
                .anyMatch(finding -> finding.contains("the path parameter other is not in the path"))
                .anyMatch(finding -> finding.contains("the path's {thingId} is not declared"))
                .anyMatch(finding -> finding.startsWith("problem-details at POST /things/ 400"))
                .anyMatch(finding -> finding.startsWith("problem-details at DELETE /things/{thingId} 404"));
        assertThat(findings).filteredOn(finding -> finding.rule().equals("pattern-ecma")).extracting(OpenApiLint.Finding::where)
                .containsExactlyInAnyOrder("/components/schemas/Thing/properties/level/pattern",
                        "/components/schemas/Thing/properties/code/pattern", "/components/schemas/Thing/properties/broken/pattern",
                        "/components/schemas/Thing/properties/start/pattern", "/components/schemas/Thing/properties/atomic/pattern",
                        "/components/schemas/Thing/properties/intersection/pattern");
    }

    @Test
    void aPatternReadAlikeByJavaAndEcmaScriptIsAccepted() {
        assertThat(OpenApiLint.javaOnly("^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$")).isNull();
        assertThat(OpenApiLint.javaOnly("^https?://[^ \\t\\n\\x0B\\f\\r]+$")).isNull();
        assertThat(OpenApiLint.javaOnly("(?<year>\\d{4})-(?:\\d\\d)+?(?=x)(?!y)(?<=z)\\p{Lu}+")).isNull();
        assertThat(OpenApiLint.javaOnly("a\\++")).isNull();
    }

    @Test
    void javasOwnConstructsAreNamed() {
        assertThat(OpenApiLint.javaOnly("a*+")).isEqualTo("a possessive quantifier");
        assertThat(OpenApiLint.javaOnly("a{2}+")).isEqualTo("a possessive quantifier");
        assertThat(OpenApiLint.javaOnly("(?i)abc")).isEqualTo("an inline flag or a group ECMA-262 lacks");
        assertThat(OpenApiLint.javaOnly("(?>a)")).isEqualTo("an atomic group");
        assertThat(OpenApiLint.javaOnly("\\p{javaLowerCase}")).contains("is a Java class");
        assertThat(OpenApiLint.javaOnly("abc\\Z")).contains("Java's only");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OpenApiLintTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
