package org.leadrelay.router.partners;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.router.routing.PartnerIndex;
import org.leadrelay.router.routing.RoutablePartner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The partner network in this router instance's memory, as the routing decision reads it: a
 * {@link PartnerIndex} kept from the compacted partners topic, the way a Kafka Streams global table
 * is. Every instance reads the whole topic itself, from the beginning, with a consumer of its own
 * (no group, no committed offsets: {@code PartnerTopicReader}), so each one sees every partner and
 * every tombstone, in order, within milliseconds; revisions make a replayed record harmless. After
 * each batch of records a new index is built and swapped in.
 *
 * <p>Until the replica has read the topic up to where it ended when the instance started, it is
 * not ready: {@link #index()} waits for it (bounded), and the readiness health group reports it, so
 * no lead is routed against half a directory. The database copy ({@link PartnerCopies}) stays what
 * operators and answers read; this replica is what routing reads.
 */
@Component
public class PartnerReplica implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(PartnerReplica.class);

    private final Duration readyTimeout;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    /** Changed by the topic's reader only, one thread. */
    private final Map<UUID, RoutablePartner> partners = new HashMap<>();
    private volatile PartnerIndex index = PartnerIndex.of(List.of());

    PartnerReplica(MeterRegistry meters, @Value("${leadrelay.router.replica-ready-timeout:60s}") Duration readyTimeout) {
        this.readyTimeout = readyTimeout;
        Gauge.builder("leadrelay.router.replica.partners", this, replica -> replica.index.size())
                .description("partners in this instance's in-memory replica of the partners topic").register(meters);
    }

    /**
     * The partners as routing reads them. Waits until the replica has caught up with the topic as it
     * was when the instance started, at most {@code leadrelay.router.replica-ready-timeout}; after
     * that, answers with what it has and logs it.
     */
    public PartnerIndex index() {
        if (caughtUp.getCount() > 0) {
            try {
                if (!caughtUp.await(readyTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("the partner replica has not caught up after {}: routing with the {} partners it holds", readyTimeout,
                            index.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return index;
    }

    /**
     * Keeps the partner's state unless the replica holds the same or a newer revision; true when it
     * changed. The partner is made here, once per revision: every index built until the next one
     * shares it.
     */
    public boolean keep(PartnerUpserted partner) {
        RoutablePartner held = partners.get(partner.partnerId());
        if (held != null && held.revision() >= partner.revision()) {
            return false;
        }
        partners.put(partner.partnerId(), RoutablePartner.from(partner));
        return true;
    }

    /** Forgets a deleted partner; true when the replica held it. */
    public boolean remove(UUID partnerId) {
        return partners.remove(partnerId) != null;
    }

    /** Builds the index from the partners kept so far and lets routing read it. */
    public void publish() {
        index = PartnerIndex.of(List.copyOf(partners.values()));
    }

    /** The replica has read the topic up to where it ended at start: routing may use it. */
    public void caughtUp(long tookMillis) {
        if (caughtUp.getCount() > 0) {
            caughtUp.countDown();
            log.info("partner replica caught up: {} partners in {} ms", partners.size(), tookMillis);
        }
    }

    public boolean ready() {
        return caughtUp.getCount() == 0;
    }

    /** Whether the replica holds the partner at that revision or a newer one (tests and operators wait on it). */
    public boolean holds(UUID partnerId, long revision) {
        RoutablePartner held = index.partnerWithId(partnerId);
        return held != null && held.revision() >= revision;
    }

    /** The partners routing reads now, without waiting for the replica to catch up. */
    public List<RoutablePartner> partners() {
        return index.partners();
    }

    @Override
    public Health health() {
        return ready() ? Health.up().withDetail("partners", index.size()).build()
                : Health.outOfService().withDetail("partners", index.size()).build();
    }
}
