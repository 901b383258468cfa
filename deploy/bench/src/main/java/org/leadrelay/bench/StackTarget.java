package org.leadrelay.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the running stack listens. The launcher writes its ports to {@code stack.json} in its data
 * directory while it runs (deploy/local's {@code StackFile}); {@code --port-offset} gives the same
 * ports without it, as the launcher derives them ({@code Ports.withOffset}).
 */
record StackTarget(int kafka, int intake, int directory, int router, int notification, int console) {

    static StackTarget withOffset(int offset) {
        return new StackTarget(9092 + offset, 8081 + offset, 8082 + offset, 8083 + offset, 8084 + offset, 8085 + offset);
    }

    static StackTarget fromStackFile(Path dataDir) {
        Path file = dataDir.resolve("stack.json");
        if (!Files.exists(file)) {
            throw new IllegalStateException("no running Lead Relay found: " + file.toAbsolutePath()
                    + " is missing. Start the stack with ./leadrelay (or pass its --data-dir or --port-offset).");
        }
        JsonNode ports = JsonMapper.builder().build().readTree(file.toFile());
        return new StackTarget(ports.get("kafka").asInt(), ports.get("intake").asInt(), ports.get("directory").asInt(),
                ports.get("router").asInt(), ports.get("notification").asInt(), ports.path("console").asInt(8085));
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + kafka;
    }

    URI leads() {
        return URI.create("http://127.0.0.1:" + intake + "/api/leads");
    }

    URI partners() {
        return URI.create("http://127.0.0.1:" + directory + "/api/partners");
    }

    URI routerLoads() {
        return URI.create("http://127.0.0.1:" + router + "/api/partners/load");
    }

    /** The HTTP port of each service, by the name its jar carries. */
    java.util.Map<String, Integer> servicePorts() {
        java.util.Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        ports.put("lead-intake", intake);
        ports.put("partner-directory", directory);
        ports.put("lead-router", router);
        ports.put("notification-service", notification);
        ports.put("operator-console", console);
        return ports;
    }
}
