package org.leadrelay.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;

/**
 * The MongoDB-wire server with its on-disk H2 backend: documents and indexes survive a restart.
 * Each service uses its own database on it.
 */
final class Database implements AutoCloseable {

    private final MongoServer server;
    private final String uri;

    private Database(MongoServer server, String uri) {
        this.server = server;
        this.uri = uri;
    }

    static Database start(Path file, int port) {
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        server.bind("127.0.0.1", port);
        return new Database(server, "mongodb://127.0.0.1:" + port);
    }

    String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
