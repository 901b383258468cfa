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
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The per-client rate-limit buckets in this service's database, so every instance draws on the
 * same bucket (bucket4j has no MongoDB back end: this is its compare-and-swap proxy manager over
 * MongoDB). Each write of a bucket's state is a new document {@code client|version}: the unique
 * {@code _id} decides which of two instances racing on the same version wins, and every query is
 * by exact key, which is what the embedded server can serve from an index. Versions are never
 * reused: superseded ones stay until the bucket has been idle for {@link #IDLE} and is swept.
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
        mongo.indexOps(COLLECTION).createIndex(new Index().on("client", Sort.Direction.ASC));
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
                Optional<BucketVersion> latest = mongo.find(Query.query(where("client").is(client)), BucketVersion.class, COLLECTION)
                        .stream().max(Comparator.comparingLong(BucketVersion::version));
                version = latest.map(BucketVersion::version).orElse(0L);
                return latest.map(found -> found.state().getData());
            }

            @Override
            public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState, Optional<Long> timeoutNanos) {
                try {
                    mongo.insert(new BucketVersion(client + "|" + (version + 1), client, version + 1, new Binary(newData),
                            clock.instant().plus(IDLE)), COLLECTION);
                } catch (DuplicateKeyException lostTheRace) {
                    return false;
                }
                // superseded versions stay until the client's bucket is swept as idle: deleting one would free its
                // id for a slow instance that read the version before it, whose write would then win and lose a grant
                return true;
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String client) {
        throw new UnsupportedOperationException("client buckets are used synchronously");
    }

    @Override
    public void removeProxy(String client) {
        mongo.remove(Query.query(where("client").is(client)), COLLECTION);
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

    record BucketVersion(String id, String client, long version, Binary state, Instant expiresAt) {
    }
}
