package org.leadrelay.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * The MongoDB-wire server with its on-disk H2 backend: documents and indexes survive a restart.
 * Each service uses its own database on it. The store is opened with a larger page cache than
 * H2's default (16 MB) and rewrites its file's chunks only when they are mostly empty: with H2's
 * defaults, the background writer's compaction and the pages read back from disk grew with the
 * history stored (docs/performance.md, "Flat cost per lead").
 */
final class Database implements AutoCloseable {

    private final MongoServer server;
    private final String uri;

    private Database(MongoServer server, String uri) {
        this.server = server;
        this.uri = uri;
    }

    /** MB of H2's page cache. */
    static final int CACHE_MB = 256;
    /** A chunk of the file is rewritten (compacted) once less than this share of it is live. */
    static final int COMPACT_BELOW_PERCENT = 40;

    static Database start(Path file, int port) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB).autoCompactFillRate(COMPACT_BELOW_PERCENT).open();
        MongoServer server = new MongoServer(new H2Backend(store));
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
