package org.leadrelay.console.leads.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.console.leads.LeadState;
import org.leadrelay.console.leads.LeadStories;
import org.leadrelay.console.leads.LeadStory;
import org.leadrelay.console.leads.StoryEvent;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.Sealed;
import org.springframework.core.convert.ConversionException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.model.MappingInstantiationException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The stories in the {@code leads} collection, one document per lead: its events, and the facts
 * they add up to. A change replaces the document where its {@code (_id, version)} still matches,
 * a unique index, so the embedded database finds it by index (ADR 0011). The search goes through
 * the console's own index ({@link org.leadrelay.console.leads.LeadIndex}); the indexes on the
 * facts are there for queries a person runs on a real MongoDB.
 */
@Repository
class MongoLeadStories implements LeadStories {

    static final String COLLECTION = "leads";

    private final MongoTemplate mongo;
    private final EventCodec codec;

    MongoLeadStories(MongoTemplate mongo, EventCodec codec) {
        this.mongo = mongo;
        this.codec = codec;
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique());
        indexes.createIndex(new Index().on("receivedAt", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("state", Sort.Direction.ASC).on("receivedAt", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("partnerId", Sort.Direction.ASC).on("receivedAt", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("country", Sort.Direction.ASC).on("receivedAt", Sort.Direction.DESC));
    }

    @Override
    public Optional<LeadStory> find(UUID leadId) {
        try {
            return Optional.ofNullable(mongo.findById(leadId, StoryDocument.class, COLLECTION)).map(this::story);
        } catch (MappingException | MappingInstantiationException | ConversionException e) {
            throw unreadable(leadId.toString());
        }
    }

    @Override
    public List<LeadStory> findAll(Collection<UUID> leadIds) {
        if (leadIds.isEmpty()) {
            return List.of();
        }
        try {
            return mongo.find(Query.query(Criteria.where("_id").in(leadIds)), StoryDocument.class, COLLECTION).stream().map(this::story).toList();
        } catch (MappingException | MappingInstantiationException | ConversionException e) {
            throw unreadable(leadIds.size() + " leads");
        }
    }

    @Override
    public boolean save(LeadStory story) {
        StoryDocument next = StoryDocument.of(story, story.version() + 1);
        if (story.version() < 0) {
            try {
                mongo.insert(next, COLLECTION);
                return true;
            } catch (DuplicateKeyException e) {
                return false;
            }
        }
        Query current = Query.query(Criteria.where("_id").is(story.leadId()).and("version").is(story.version()));
        return mongo.replace(current, next, COLLECTION).getModifiedCount() == 1;
    }

    /**
     * A stored story this version cannot read. Spring Data's own exception would carry the
     * document's values, the person's contact among them, into the logs: it is left out.
     */
    private static IllegalStateException unreadable(String what) {
        return new IllegalStateException("the stored story of " + what + " cannot be read by this version of the console;"
                + " rebuild the read model with a new generation (operator-console/README.md)");
    }

    private LeadStory story(StoryDocument document) {
        if (document.state() == null || document.offers() == null) {
            // written before the facts were stored with the events: derive them
            return LeadStory.fold(document.id(), document.version(), document.events(), codec);
        }
        return new LeadStory(document.id(), document.version(), document.events(), LeadState.valueOf(document.state()), document.receivedAt(),
                document.country(), document.region(), document.city(), document.asked(), document.language(), document.personal(),
                document.partnerId(), document.partnerName(), document.assignedAt(), document.acceptedAt(),
                document.reason(), document.offers());
    }

    /** The stored form: the events, and the facts they add up to (what the search filters on, and what a change starts from). */
    @Document
    record StoryDocument(@Id UUID id, long version, List<StoryEvent> events, String state, Instant receivedAt, String country, String region,
            String city, List<String> asked, String language, Sealed personal, UUID partnerId, String partnerName,
            Instant assignedAt, Instant acceptedAt, String reason, Integer offers) {

        static StoryDocument of(LeadStory story, long version) {
            return new StoryDocument(story.leadId(), version, story.events(), story.state().name(), story.receivedAt(), story.country(),
                    story.region(), story.city(), story.asked(), story.language(), story.personal(), story.partnerId(),
                    story.partnerName(), story.assignedAt(), story.acceptedAt(), story.reason(), story.offers());
        }
    }
}
