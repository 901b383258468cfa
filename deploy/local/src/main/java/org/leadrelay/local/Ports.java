package org.leadrelay.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** The loopback ports of the stack; an offset moves them all, so two stacks or a test can coexist. */
record Ports(int kafka, int kafkaController, int mongo, int smtp, int mailCatcher, int demoPartner, int intake,
        int directory, int router, int notification, int console) {

    static Ports withOffset(int offset) {
        return new Ports(9092 + offset, 9093 + offset, 27017 + offset, 2525 + offset, 8025 + offset, 8089 + offset,
                8081 + offset, 8082 + offset, 8083 + offset, 8084 + offset, 8085 + offset);
    }

    Map<String, Integer> byUse() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("Kafka broker", kafka);
        ports.put("Kafka controller", kafkaController);
        ports.put("MongoDB", mongo);
        ports.put("SMTP catcher", smtp);
        ports.put("mail catcher page", mailCatcher);
        ports.put("demo partner", demoPartner);
        ports.put("lead-intake", intake);
        ports.put("partner-directory", directory);
        ports.put("lead-router", router);
        ports.put("notification-service", notification);
        ports.put("operator-console", console);
        return ports;
    }

    /** Fails naming the first port something else already holds on 127.0.0.1. */
    void requireFree() {
        byUse().forEach((use, port) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                throw new StackException("port " + port + " (" + use + ") is already in use on 127.0.0.1. "
                        + "Stop what holds it (`ss -ltnp 'sport = :" + port + "'` shows it) or move every port with --port-offset=N.");
            }
        });
    }
}
