package org.leadrelay.intake.leads.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The per-client rate-limit buckets in this service's database, so every instance draws on the
 * same bucket (bucket4j has no MongoDB back end: this is its compare-and-swap proxy manager over
 * MongoDB). One document per client, keyed by it, with a version: reading is a lookup by key, and
 * a write replaces the state only where the stored version is still the one read, so of two
 * instances racing on the same version one wins. A unique index on {@code (_id, version)} lets the
 * embedded server serve that conditional write from an index: the cost of a request does not grow
 * with the clients or the requests seen before. Versions only grow, so an old one is never reused.
 */
@Component
class MongoClientBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

    static final String COLLECTION = "client-buckets";
    /** A bucket untouched this long is full again anyway, so it can go. */
    static final Duration IDLE = Duration.ofMinutes(10);

    private final MongoTemplate mongo;
    private final Clock clock;
    private volatile Instant lastSweep = Instant.EPOCH;

    MongoClientBuckets(MongoTemplate mongo, Clock clock) {
        super(ClientSideConfig.getDefault());
        this.mongo = mongo;
        this.clock = clock;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique());
        // a real MongoDB drops idle buckets itself; the embedded server ignores this, see sweepIdle
        mongo.indexOps(COLLECTION).createIndex(new Index().on("expiresAt", Sort.Direction.ASC).expire(Duration.ZERO));
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String client) {
        Instant now = clock.instant();
        if (now.isAfter(lastSweep.plus(IDLE))) {
            lastSweep = now;
            sweepIdle();
        }
        return new CompareAndSwapOperation() {

            private long version;

            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                Optional<ClientBucket> latest = Optional.ofNullable(mongo.findById(client, ClientBucket.class, COLLECTION));
                version = latest.map(ClientBucket::version).orElse(0L);
                return latest.map(found -> found.state().getData());
            }

            @Override
            public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState, Optional<Long> timeoutNanos) {
                Instant expiresAt = clock.instant().plus(IDLE);
                if (version == 0) {
                    try {
                        mongo.insert(new ClientBucket(client, 1, new Binary(newData), expiresAt), COLLECTION);
                        return true;
                    } catch (DuplicateKeyException lostTheRace) {
                        return false;
                    }
                }
                return mongo.updateFirst(Query.query(where("_id").is(client).and("version").is(version)),
                        new Update().set("version", version + 1).set("state", new Binary(newData)).set("expiresAt", expiresAt),
                        COLLECTION).getMatchedCount() > 0;
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String client) {
        throw new UnsupportedOperationException("client buckets are used synchronously");
    }

    @Override
    public void removeProxy(String client) {
        mongo.remove(Query.query(where("_id").is(client)), COLLECTION);
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String client) {
        return CompletableFuture.runAsync(() -> removeProxy(client));
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }

    /**
     * Deletes buckets idle for longer than {@link #IDLE}, every {@link #IDLE} at most: the embedded
     * server has no TTL indexes, and this range query scans the (small) collection.
     */
    long sweepIdle() {
        return mongo.remove(Query.query(where("expiresAt").lt(clock.instant())), COLLECTION).getDeletedCount();
    }

    record ClientBucket(String id, long version, Binary state, Instant expiresAt) {
    }
}
