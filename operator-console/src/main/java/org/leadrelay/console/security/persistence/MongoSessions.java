package org.leadrelay.console.security.persistence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;

/**
 * The console's HTTP sessions (who signed in, the CSRF token, where a sign-in was going) in its
 * own database, collection {@code sessions}, one document per session keyed by its id: any
 * instance serves any browser, and a restart signs nobody out. Spring Session has no MongoDB store
 * for Spring Boot 4 (only a milestone on Maven Central), so this is one, written to
 * {@link SessionRepository}'s contract: a read by key; a save that replaces the document, moving
 * it when the id changed at sign-in; an expired session is never returned (and deleted when read;
 * a real MongoDB also drops it by the TTL index on {@code expireAt}). Attributes are stored with
 * Java serialization, as Spring Session's JDBC store does.
 */
public class MongoSessions implements SessionRepository<MapSession> {

    static final String COLLECTION = "sessions";
    private static final Logger log = LoggerFactory.getLogger(MongoSessions.class);

    private final MongoTemplate mongo;
    private final Duration maxInactive;
    private final Clock clock;

    public MongoSessions(MongoTemplate mongo, Duration maxInactive, Clock clock) {
        this.mongo = mongo;
        this.maxInactive = maxInactive;
        this.clock = clock;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("expireAt", Sort.Direction.ASC).expire(Duration.ZERO));
    }

    @Override
    public MapSession createSession() {
        MapSession session = new MapSession();
        session.setCreationTime(clock.instant());
        session.setLastAccessedTime(clock.instant());
        session.setMaxInactiveInterval(maxInactive);
        return session;
    }

    @Override
    public void save(MapSession session) {
        if (!session.getId().equals(session.getOriginalId())) {
            // signing in changes the id (against session fixation): the document moves
            mongo.remove(Query.query(Criteria.where("_id").is(session.getOriginalId())), COLLECTION);
        }
        Map<String, Object> attributes = new HashMap<>();
        for (String name : session.getAttributeNames()) {
            attributes.put(name, session.getAttribute(name));
        }
        Instant expireAt = session.getLastAccessedTime().plus(session.getMaxInactiveInterval());
        Document document = new Document("_id", session.getId()).append("created", Date.from(session.getCreationTime()))
                .append("lastAccessed", Date.from(session.getLastAccessedTime()))
                .append("maxInactiveSeconds", session.getMaxInactiveInterval().toSeconds()).append("expireAt", Date.from(expireAt))
                .append("attributes", new Binary(serialize(attributes)));
        mongo.save(document, COLLECTION);
    }

    @Override
    public MapSession findById(String id) {
        Document document = mongo.findById(id, Document.class, COLLECTION);
        if (document == null) {
            return null;
        }
        MapSession session = new MapSession(id);
        session.setCreationTime(document.getDate("created").toInstant());
        session.setLastAccessedTime(document.getDate("lastAccessed").toInstant());
        session.setMaxInactiveInterval(Duration.ofSeconds(((Number) document.get("maxInactiveSeconds")).longValue()));
        Duration inactive = session.getMaxInactiveInterval();
        if (!inactive.isNegative() && !session.getLastAccessedTime().plus(inactive).isAfter(clock.instant())) {
            deleteById(id);
            return null;
        }
        Map<String, Object> attributes = deserialize(document.get("attributes", Binary.class).getData(), id);
        if (attributes == null) {
            deleteById(id);
            return null;
        }
        attributes.forEach(session::setAttribute);
        return session;
    }

    @Override
    public void deleteById(String id) {
        mongo.remove(Query.query(Criteria.where("_id").is(id)), COLLECTION);
    }

    private static byte[] serialize(Map<String, Object> attributes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new HashMap<String, Serializable>(castAll(attributes)));
        } catch (IOException e) {
            throw new IllegalStateException("a session attribute cannot be stored", e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Serializable> castAll(Map<String, Object> attributes) {
        attributes.forEach((name, value) -> {
            if (value != null && !(value instanceof Serializable)) {
                throw new IllegalStateException("session attribute " + name + " is not serializable: " + value.getClass().getName());
            }
        });
        return (Map<String, Serializable>) (Map<String, ?>) attributes;
    }

    /** The attributes, or null when this version cannot read them (the person signs in again). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> deserialize(byte[] stored, String id) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(stored))) {
            return (Map<String, Object>) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            log.info("a stored session cannot be read by this version and is dropped: {}", e.toString());
            return null;
        }
    }
}
