package org.leadrelay.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** Tells other commands (such as {@code demo}) where a running stack listens. */
final class StackFile {

    private StackFile() {
    }

    static void write(Path file, Ports ports) {
        WebPages.JSON.writeValue(file.toFile(), ports);
    }

    static Ports read(Path file) {
        if (!Files.exists(file)) {
            throw new StackException("no running Lead Relay found in " + file.getParent() + ": start it with ./leadrelay first");
        }
        return WebPages.JSON.readValue(file.toFile(), Ports.class);
    }
}
