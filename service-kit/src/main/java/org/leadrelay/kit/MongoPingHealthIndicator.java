package org.leadrelay.kit;

import com.mongodb.client.MongoClient;
import com.mongodb.connection.ServerDescription;
import java.util.List;
import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Database health by the {@code ping} command. Spring Boot's own indicator sends {@code hello},
 * which the embedded MongoDB-wire server does not know, so it would report a healthy database as
 * down; {@code ping} works on every MongoDB and on the embedded server.
 *
 * <p>When the driver's monitor already failed to reach every server, the database is down at
 * once: a {@code ping} would first wait out the server-selection timeout (30 s by default), longer
 * than a probe waits for an answer.
 */
class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoTemplate mongo;
    private final MongoClient client;

    /** @param client the client whose monitor is asked first; null to always ping */
    MongoPingHealthIndicator(MongoTemplate mongo, MongoClient client) {
        super("MongoDB health check failed");
        this.mongo = mongo;
        this.client = client;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String database = mongo.getDb().getName();
        if (client != null) {
            List<ServerDescription> servers = client.getClusterDescription().getServerDescriptions();
            if (!servers.isEmpty() && servers.stream().allMatch(server -> !server.isOk() && server.getException() != null)) {
                builder.down(servers.get(0).getException()).withDetail("database", database);
                return;
            }
        }
        Document answer = mongo.executeCommand(new Document("ping", 1));
        builder.up().withDetail("database", database).withDetail("ping", answer.get("ok"));
    }
}
