package org.leadrelay.directory.partners;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The partners of the network. Every write is one atomic document write. */
public interface Partners {

    void add(Partner partner);

    /** Adds many new partners at once (an import). */
    void addAll(Collection<Partner> partners);

    /** Which of these ids are taken, by a partner or a deleted one's record. */
    java.util.Set<UUID> existing(Collection<UUID> ids);

    /** The partner, unless unknown or deleted. */
    Optional<Partner> find(UUID id);

    /** The stored record, deleted or not. */
    Optional<Partner> record(UUID id);

    /**
     * Stores the next revision of a partner if the stored one is still {@code changed.revision() - 1}.
     *
     * @return false when another write got there first
     */
    boolean replace(Partner changed);

    /** Records that the topic has this revision, unless a newer one was stored meanwhile. */
    void markPublished(UUID id, long revision);

    /** Records that the topic has these revisions, each where it is still the stored one (one bulk write by key). */
    void markPublished(Map<UUID, Long> revisions);

    /** Marks every partner as not yet published, so the relay republishes them all; returns each one's revision. */
    Map<UUID, Long> markAllUnpublished();

    /** The records of these partners (deleted ones too), by key. */
    List<Partner> records(Collection<UUID> ids);

    /** Drops a deleted partner's record once its tombstone is published. */
    void purge(UUID id, long revision);

    /** The partners matching the filter, sorted by name, one page at a time (pages count from 0). */
    PartnerPage list(PartnerFilter filter, int page, int size);

    /** How many partners there are by status and tier (deleted ones not counted). */
    Map<PartnerStatus, Map<Tier, Long>> census();
}
