package org.leadrelay.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Command-line options: a command, then {@code --name=value} and {@code --flag}. */
record Options(String command, Map<String, String> values) {

    static Options parse(String[] args) {
        String command = "up";
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && !arg.equals("--help")) {
                int equals = arg.indexOf('=');
                values.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals), equals < 0 ? "true" : arg.substring(equals + 1));
            } else {
                command = arg;
            }
        }
        return new Options(command, values);
    }

    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int intValue(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new StackException("--" + name + " must be a number, not " + value);
        }
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    Path dataDir() {
        return Path.of(value("data-dir", ".leadrelay"));
    }
}
