package org.leadrelay.notification.delivery.persistence;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.leadrelay.events.Channel;
import org.leadrelay.events.EventCatalog;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.NotificationEvent;
import org.leadrelay.notification.delivery.DeliveryJob;
import org.leadrelay.notification.delivery.DeliveryJobs;
import org.leadrelay.notification.delivery.DeliveryJobs.Settlement;
import org.leadrelay.notification.delivery.DeliveryKind;
import org.leadrelay.notification.delivery.DeliveryState;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Pending deliveries ({@code delivery_jobs}): one document per job, removed when the delivery ends,
 * so the collection holds only work to do and its scans stay small. How a job ended is first
 * written into it ({@code settled}), so a crash before its removal leaves the outcome, not the
 * work, to the next claim. The events a change causes are written into the job with it
 * ({@code pending}) and dropped once published, and the job is removed only after that. A claim is one conditional
 * findAndModify that sets a lease (a token, an owner and an expiry) and counts the attempt; every
 * later change of the job is conditioned on the token, so an instance that lost its lease changes
 * nothing.
 */
@Repository
class MongoDeliveryJobs implements DeliveryJobs {

    static final String COLLECTION = "delivery_jobs";
    private static final Date UNLEASED = new Date(0);

    private final MongoTemplate mongo;
    private final EventCodec codec;

    MongoDeliveryJobs(MongoTemplate mongo, EventCodec codec) {
        this.mongo = mongo;
        this.codec = codec;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("dueAt", Sort.Direction.ASC));
        // a claim is held by its lease token: every change of a held job, and every claim, is conditional on
        // {_id, lease}, which this index serves on the embedded server (a real MongoDB would use _id alone),
        // so finishing a delivery costs the same however many wait behind it
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC).on("lease", Sort.Direction.ASC).unique());
    }

    @Override
    public boolean add(DeliveryJob job) {
        try {
            mongo.insert(document(job).append("leaseUntil", UNLEASED).append("lease", null).append("owner", null), COLLECTION);
            return true;
        } catch (DuplicateKeyException pending) {
            return false;
        }
    }

    @Override
    public Optional<Claim> addClaimed(DeliveryJob job, Instant now, Duration lease, String owner) {
        DeliveryJob attempting = job.startingAttempt();
        String token = UUID.randomUUID().toString();
        try {
            mongo.insert(document(attempting).append("leaseUntil", Date.from(now.plus(lease))).append("lease", token).append("owner", owner),
                    COLLECTION);
            return Optional.of(new Claim(attempting, token));
        } catch (DuplicateKeyException pending) {
            return Optional.empty();
        }
    }

    @Override
    public List<Claim> claimDue(Instant now, Duration lease, String owner, int limit, Set<String> busy) {
        Date at = Date.from(now);
        Query due = Query.query(where("dueAt").lte(at).and("leaseUntil").lte(at)).with(Sort.by("dueAt")).limit(limit);
        if (!busy.isEmpty()) {
            due.addCriteria(where("_id").nin(busy));
        }
        due.fields().include("_id").include("lease");
        List<Claim> claimed = new ArrayList<>();
        for (Document candidate : mongo.find(due, Document.class, COLLECTION)) {
            String token = UUID.randomUUID().toString();
            // still as read (due, and nobody's since): of two instances claiming it, the first one changes its lease
            Document won = mongo.findAndModify(Query.query(where("_id").is(candidate.get("_id")).and("lease").is(candidate.get("lease"))),
                    new Update().set("leaseUntil", Date.from(now.plus(lease))).set("lease", token).set("owner", owner).inc("attempts", 1),
                    FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
            if (won != null && token.equals(won.getString("lease"))) {
                claimed.add(new Claim(job(won), token, settlement(won.get("settled", Document.class))));
            }
        }
        return claimed;
    }

    @Override
    public boolean retryAt(Claim claim, Instant dueAt, String lastError, List<DeliveryJob.PendingEvent> events) {
        Update update = new Update().set("dueAt", Date.from(dueAt)).set("lastError", lastError).set("leaseUntil", UNLEASED).set("lease", null)
                .set("owner", null);
        return mongo.updateFirst(held(claim), withEvents(update, events), COLLECTION).getMatchedCount() > 0;
    }

    @Override
    public boolean postpone(Claim claim, Instant dueAt, String reason) {
        Update update = new Update().set("dueAt", Date.from(dueAt)).inc("attempts", -1).set("leaseUntil", UNLEASED).set("lease", null)
                .set("owner", null);
        if (reason != null) {
            update.set("lastError", reason);
        }
        return mongo.updateFirst(held(claim), update, COLLECTION).getMatchedCount() > 0;
    }

    @Override
    public boolean settle(Claim claim, Settlement settlement, List<DeliveryJob.PendingEvent> events, Instant now, Duration lease) {
        return mongo.updateFirst(held(claim), withEvents(settling(settlement, now, lease), events), COLLECTION).getMatchedCount() > 0;
    }

    @Override
    public boolean finish(Claim claim) {
        // never while an event is pending: one added by an instance whose claim was lost would go with the job
        return mongo.remove(held(claim).addCriteria(where("pending.0").exists(false)), COLLECTION).getDeletedCount() > 0;
    }

    @Override
    public void hold(DeliveryJob job, List<DeliveryJob.PendingEvent> events, Instant now) {
        if (events.isEmpty()) {
            return;
        }
        for (int tries = 0; tries < 3; tries++) {
            if (mongo.updateFirst(Query.query(where("_id").is(job.id())), withEvents(new Update(), events), COLLECTION).getMatchedCount() > 0) {
                return;
            }
            // gone already (its end was seen to): put back without its content, settled and leased to the relay for
            // good, so no poller claims it and the relay removes it once the events are out
            Document heldForEvents = document(job);
            heldForEvents.remove("email");
            heldForEvents.remove("webhook");
            heldForEvents.append("settled", settlement(new Settlement(DeliveryState.CANCELLED, EVENTS_ONLY, job.attempts(),
                            "its claim was lost; only its events are held", null, now)))
                    .append("leaseUntil", new Date(Long.MAX_VALUE)).append("lease", EVENTS_ONLY).append("owner", null)
                    .append("pending", events.stream().map(this::document).toList());
            try {
                mongo.insert(heldForEvents, COLLECTION);
                return;
            } catch (DuplicateKeyException putBackMeanwhile) {
                // by another instance's lost claim: the events join it on the next turn
            }
        }
        throw new IllegalStateException("delivery " + job.id() + " kept appearing and going under three attempts to hold its events");
    }

    @Override
    public Optional<Stored> find(String id) {
        return Optional.ofNullable(mongo.findOne(Query.query(where("_id").is(id)), Document.class, COLLECTION))
                .map(found -> new Stored(job(found), found.getString("lease"), settlement(found.get("settled", Document.class)),
                        pending(found)));
    }

    @Override
    public Optional<Claim> cancel(Stored current, Settlement cancelled, List<DeliveryJob.PendingEvent> events, Instant now, Duration lease,
            String owner, String token) {
        // as read: of a cancellation and a claim (or a settling attempt) at once, the first to change the lease wins
        Document won = mongo.findAndModify(Query.query(where("_id").is(current.job().id()).and("lease").is(current.lease())),
                withEvents(settling(cancelled, now, lease).set("lease", token).set("owner", owner), events),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
        return won != null && token.equals(won.getString("lease")) ? Optional.of(new Claim(job(won), token, cancelled)) : Optional.empty();
    }

    @Override
    public void clearPending(String id, List<UUID> published) {
        if (!published.isEmpty()) {
            mongo.updateFirst(Query.query(where("_id").is(id)),
                    new Update().pull("pending", new Document("id", new Document("$in", published))), COLLECTION);
        }
    }

    @Override
    public List<DeliveryJob> failing(int limit) {
        return mongo.find(Query.query(where("lastError").ne(null).and("settled").is(null)).with(Sort.by("dueAt")).limit(limit), Document.class, COLLECTION)
                .stream().map(MongoDeliveryJobs::job).toList();
    }

    @Override
    public List<DeliveryJob> pending() {
        // a settled job waits only for its events to be published: it is no delivery still to make
        Query all = Query.query(where("settled").is(null));
        all.fields().exclude("email").exclude("webhook").exclude("pending");
        return mongo.find(all, Document.class, COLLECTION).stream().map(MongoDeliveryJobs::job).toList();
    }

    /** The events go to the end of the job's pending ones, in order. */
    private Update withEvents(Update update, List<DeliveryJob.PendingEvent> events) {
        if (!events.isEmpty()) {
            update.push("pending").each(events.stream().map(this::document).toArray());
        }
        return update;
    }

    private Document document(DeliveryJob.PendingEvent pending) {
        return new Document("id", pending.id()).append("type", EventCatalog.of(pending.event()).type())
                .append("event", new String(codec.write(pending.event()), UTF_8));
    }

    private List<DeliveryJob.PendingEvent> pending(Document job) {
        List<DeliveryJob.PendingEvent> pending = new ArrayList<>();
        for (Document event : job.getList("pending", Document.class, List.of())) {
            pending.add(new DeliveryJob.PendingEvent(event.get("id", UUID.class),
                    codec.read(event.getString("type"), event.getString("event").getBytes(UTF_8), NotificationEvent.class)));
        }
        return pending;
    }

    /** The outcome goes into the job, with its content gone; due now, it is claimed again only if not finished within the lease. */
    private static Update settling(Settlement settlement, Instant now, Duration lease) {
        return new Update().set("settled", settlement(settlement))
                .set("dueAt", Date.from(now)).set("leaseUntil", Date.from(now.plus(lease))).unset("email").unset("webhook");
    }

    private static Settlement settlement(Document settled) {
        return settled == null ? null : new Settlement(DeliveryState.valueOf(settled.getString("state")), settled.getString("outcome"),
                settled.getInteger("attempts", 0), settled.getString("reason"), settled.getString("target"), instant(settled.getDate("at")));
    }

    private static Query held(Claim claim) {
        return Query.query(where("_id").is(claim.job().id()).and("lease").is(claim.lease()));
    }

    private static Document settlement(Settlement settlement) {
        return new Document("state", settlement.state().name()).append("outcome", settlement.outcome())
                .append("attempts", settlement.attempts()).append("reason", settlement.reason()).append("target", settlement.target())
                .append("at", Date.from(settlement.at()));
    }

    private static Document document(DeliveryJob job) {
        Document document = new Document("_id", job.id()).append("kind", job.kind().name()).append("channel", job.channel().name())
                .append("leadId", job.leadId()).append("assignmentId", job.assignmentId()).append("partnerId", job.partnerId())
                .append("messageId", job.messageId()).append("attempts", job.attempts()).append("dueAt", Date.from(job.dueAt()))
                .append("notAfter", job.notAfter() == null ? null : Date.from(job.notAfter()))
                .append("createdAt", Date.from(job.createdAt())).append("lastError", job.lastError());
        if (job.email() != null) {
            DeliveryJob.Email email = job.email();
            document.append("email", new Document("to", email.to()).append("subject", email.subject()).append("text", email.text())
                    .append("html", email.html()).append("language", email.language()));
        }
        if (job.webhook() != null) {
            document.append("webhook", new Document("type", job.webhook().type()).append("body", job.webhook().body()));
        }
        return document;
    }

    private static DeliveryJob job(Document document) {
        Channel channel = Channel.valueOf(document.getString("channel"));
        Document email = document.get("email", Document.class);
        Document webhook = document.get("webhook", Document.class);
        // the gauges read jobs without their content
        boolean withContent = email != null || webhook != null;
        return new DeliveryJob(document.getString("_id"), DeliveryKind.valueOf(document.getString("kind")), channel,
                document.get("leadId", UUID.class), document.get("assignmentId", UUID.class), document.get("partnerId", UUID.class),
                document.getString("messageId"), document.getInteger("attempts", 0), instant(document.getDate("dueAt")),
                instant(document.getDate("notAfter")), instant(document.getDate("createdAt")), document.getString("lastError"),
                email != null ? new DeliveryJob.Email(email.getList("to", String.class), email.getString("subject"), email.getString("text"),
                        email.getString("html"), email.getString("language"))
                        : !withContent && channel == Channel.EMAIL ? new DeliveryJob.Email(List.of(), null, null, null, null) : null,
                webhook != null ? new DeliveryJob.Webhook(webhook.getString("type"), webhook.getString("body"))
                        : !withContent && channel == Channel.WEBHOOK ? new DeliveryJob.Webhook(null, null) : null);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
