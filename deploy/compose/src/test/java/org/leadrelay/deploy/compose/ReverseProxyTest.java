package org.leadrelay.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** proxy/Caddyfile: the public paths reach their services, and nothing else does. */
class ReverseProxyTest {

    private static final String CADDYFILE = Deployment.read(Deployment.COMPOSE_DIR.resolve("proxy/Caddyfile"));

    @Test
    void sendsThePublicPathsToTheirServices() {
        assertThat(matcherLine("@intake")).contains(" / ", " /form ", " /form/thanks ", " /forms/leads ", " /assets/* ")
                .endsWith(" /api/leads");
        assertThat(matcherLine("@answers")).contains(" /answers/* ", " /api/answers/*");
        assertThat(proxiedBy("@intake")).isEqualTo("lead-intake:8080");
        assertThat(proxiedBy("@answers")).isEqualTo("lead-router-1:8080 lead-router-2:8080");
        assertThat(proxiedBy("@selfService")).isEqualTo("partner-directory:8080");
    }

    @Test
    void exposesOnlyAPartnersOwnRecordOfTheDirectory() {
        Matcher regexp = Pattern.compile("path_regexp (\\S+)").matcher(CADDYFILE);
        assertThat(regexp.find()).isTrue();
        Pattern selfService = Pattern.compile(regexp.group(1));

        assertThat(List.of("/api/partners/8f0e", "/api/partners/8f0e/pause", "/api/partners/8f0e/resume",
                "/api/partners/8f0e/out-of-office", "/api/partners/8f0e/capacity", "/api/partners/8f0e/webhook-secret"))
                .allMatch(path -> selfService.matcher(path).matches());
        assertThat(List.of("/api/partners", "/api/partners/", "/api/partners/8f0e/credentials", "/api/partners/8f0e/suspend",
                "/api/partners/8f0e/audit", "/api/partners/8f0e/pause/x"))
                .noneMatch(path -> selfService.matcher(path).matches());
        // one segment, so matched by the expression: excluded by name
        assertThat(block("@selfService {")).contains("not path /api/partners/import /api/partners/export /api/partners/republish")
                .contains("method GET PUT POST");
    }

    @Test
    void answersEverythingElseWith404AndNeverProxiesTheActuator() {
        List<String> upstreams = new ArrayList<>();
        Matcher proxy = Pattern.compile("reverse_proxy ([^{\\n]+)").matcher(CADDYFILE);
        while (proxy.find()) {
            upstreams.add(proxy.group(1).strip());
        }

        assertThat(upstreams).containsExactly("lead-intake:8080", "lead-router-1:8080 lead-router-2:8080", "partner-directory:8080",
                "operator-console:8080");
        assertThat(block("{$LEADRELAY_PUBLIC_HOST} {")).contains("handle {\n\t\trespond \"Not Found\" 404");
        assertThat(block("{$LEADRELAY_CONSOLE_HOST} {")).contains("@internal path /actuator /actuator/*")
                .contains("handle @internal {\n\t\trespond \"Not Found\" 404");
        assertThat(CADDYFILE.lines().filter(line -> !line.strip().startsWith("#") && line.contains("actuator")))
                .allMatch(line -> line.contains("health_uri /actuator/health/readiness") || line.contains("@internal path"));
    }

    @Test
    void composeGivesTheProxyItsSitesAndConfiguration() {
        var proxy = Deployment.services().get("proxy");

        assertThat(Deployment.environment(proxy)).containsKeys("LEADRELAY_PUBLIC_HOST", "LEADRELAY_CONSOLE_HOST");
        assertThat(Deployment.<Object>list(proxy.get("volumes"))).contains("./proxy/Caddyfile:/etc/caddy/Caddyfile:ro");
    }

    private static String matcherLine(String matcher) {
        return CADDYFILE.lines().map(String::strip).filter(line -> line.startsWith(matcher + " path ")).findFirst().orElseThrow() ;
    }

    private static String proxiedBy(String matcher) {
        String handle = block("handle " + matcher + " {");
        Matcher proxy = Pattern.compile("reverse_proxy ([^{\\n]+)").matcher(handle);
        assertThat(proxy.find()).as(matcher + " is proxied").isTrue();
        return proxy.group(1).strip();
    }

    /** The text from {@code opening} to its closing brace. */
    private static String block(String opening) {
        int start = CADDYFILE.indexOf(opening);
        assertThat(start).as(opening).isNotNegative();
        int depth = 0;
        for (int i = start; i < CADDYFILE.length(); i++) {
            char c = CADDYFILE.charAt(i);
            if (c == '{' && !CADDYFILE.startsWith("{$", i)) {
                depth++;
            } else if (c == '}' && !isPlaceholderEnd(i)) {
                depth--;
                if (depth == 0) {
                    return CADDYFILE.substring(start, i + 1);
                }
            }
        }
        throw new AssertionError("unclosed " + opening);
    }

    private static boolean isPlaceholderEnd(int index) {
        int open = CADDYFILE.lastIndexOf("{$", index);
        int newline = CADDYFILE.lastIndexOf('\n', index);
        return open > newline && CADDYFILE.indexOf('}', open) == index;
    }
}
