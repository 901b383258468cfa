package org.leadrelay.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/docker/Dockerfile, read as Docker reads it: instructions, continuation lines joined. */
class DockerfileTest {

    private static final List<String> INSTRUCTIONS = instructions(Deployment.read(Deployment.DOCKERFILE));

    /** The instructions of the image's last stage, the one that runs. */
    private static final List<String> FINAL_STAGE = finalStage();

    @Test
    void runsAsAFixedUnprivilegedUser() {
        List<String> users = FINAL_STAGE.stream().filter(line -> line.startsWith("USER ")).toList();

        assertThat(users).hasSize(1);
        Matcher user = Pattern.compile("USER (\\d+)(?::(\\d+))?").matcher(users.get(0));
        assertThat(user.matches()).as(users.get(0) + " names a numeric uid").isTrue();
        assertThat(Integer.parseInt(user.group(1))).isPositive();
        // nothing after USER runs as root again
        assertThat(FINAL_STAGE.subList(FINAL_STAGE.indexOf(users.get(0)), FINAL_STAGE.size())).noneMatch(line -> line.startsWith("RUN "));
        assertThat(String.join("\n", FINAL_STAGE)).contains("--uid " + user.group(1));
    }

    @Test
    void checksReadinessWithAToolTheImageHas() {
        List<String> healthchecks = FINAL_STAGE.stream().filter(line -> line.startsWith("HEALTHCHECK ")).toList();

        assertThat(healthchecks).hasSize(1);
        assertThat(healthchecks.get(0)).contains("/actuator/health/readiness").contains("curl -fsS").contains("${SERVER_PORT}");
        // the build fails rather than ship an image whose healthcheck cannot run
        assertThat(FINAL_STAGE).anyMatch(line -> line.startsWith("RUN ") && line.contains("command -v curl"));
    }

    @Test
    void sizesTheHeapFromTheContainersMemoryAndLetsTheOperatorOverrideIt() {
        String environment = FINAL_STAGE.stream().filter(line -> line.startsWith("ENV ")).reduce("", String::concat);

        assertThat(environment).containsPattern("JAVA_TOOL_OPTIONS=\"[^\"]*-XX:MaxRAMPercentage=\\d+")
                .contains("SERVER_ADDRESS=0.0.0.0").contains("SERVER_PORT=8080");
        // in ENV, not baked into ENTRYPOINT, so `-e JAVA_TOOL_OPTIONS=...` replaces it
        assertThat(FINAL_STAGE.stream().filter(line -> line.startsWith("ENTRYPOINT ")).findFirst().orElseThrow())
                .doesNotContain("MaxRAMPercentage").contains("exec java");
    }

    @Test
    void startsFromATemurin17JreAndTheServicesExecJar() {
        assertThat(INSTRUCTIONS).contains("ARG JAVA_IMAGE=eclipse-temurin:17-jre-noble");
        assertThat(INSTRUCTIONS.stream().filter(line -> line.startsWith("FROM ")).toList())
                .allMatch(line -> line.startsWith("FROM ${JAVA_IMAGE}"));
        assertThat(INSTRUCTIONS).contains("ARG JAR_VERSION=" + Deployment.images().getProperty("jar-version"))
                .contains("COPY ${SERVICE}/target/${SERVICE}-${JAR_VERSION}-exec.jar app.jar");
        assertThat(Deployment.read(Deployment.DOCKERFILE.resolveSibling("Dockerfile.dockerignore")).lines())
                .contains("*", "!*/target/*-exec.jar");
    }

    @Test
    void carriesTheOciLabels() {
        String labels = FINAL_STAGE.stream().filter(line -> line.startsWith("LABEL ")).reduce("", String::concat);

        assertThat(labels).contains("org.opencontainers.image.title=", "org.opencontainers.image.version=",
                "org.opencontainers.image.revision=", "org.opencontainers.image.created=", "org.opencontainers.image.source=");
    }

    @Test
    void listensWhereComposeAndPrometheusLookForIt() {
        Deployment.services().forEach((name, service) -> {
            if (Deployment.leadRelayServiceOf(service) != null) {
                assertThat(String.valueOf(Deployment.<Object>map(service.get("healthcheck")).get("test")))
                        .as(name).contains("http://127.0.0.1:8080/actuator/health/readiness");
            }
        });
    }

    private static List<String> instructions(String dockerfile) {
        return List.of(dockerfile.replaceAll("\\\\\\n\\s*", " ").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toArray(String[]::new));
    }

    private static List<String> finalStage() {
        int last = 0;
        for (int i = 0; i < INSTRUCTIONS.size(); i++) {
            if (INSTRUCTIONS.get(i).startsWith("FROM ")) {
                last = i;
            }
        }
        return INSTRUCTIONS.subList(last, INSTRUCTIONS.size());
    }
}
