package org.leadrelay.console.deadletters;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.leadrelay.console.audit.AuditEntry;
import org.leadrelay.console.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators do with dead letters: replay one to its original topic, or discard it. Each is a
 * guarded change of the stored dead letter (compare-and-set, so it happens once however often it
 * is asked), and each is written to the audit trail, refusals and failures included.
 *
 * <p>A replay is taken first (REPLAYING, stored), then sent, then marked REPLAYED: whoever stored
 * REPLAYING first is the only one that sends. Replaying re-delivers the record to every consumer
 * group of the topic; every Lead Relay consumer is idempotent, so the groups that handled it
 * already change nothing.
 */
public class HandlingDeadLetters {

    public static final String REPLAYED = "dead-letter.replayed";
    public static final String DISCARDED = "dead-letter.discarded";
    public static final int REASON_LENGTH = 500;
    private static final Logger log = LoggerFactory.getLogger(HandlingDeadLetters.class);

    private final DeadLetters letters;
    private final Replays replays;
    private final AuditTrail audit;
    private final Clock clock;

    public HandlingDeadLetters(DeadLetters letters, Replays replays, AuditTrail audit, Clock clock) {
        this.letters = letters;
        this.replays = replays;
        this.audit = audit;
        this.clock = clock;
    }

    /** What came of an operator's action, as the page tells it. */
    public enum Outcome {
        DONE, NOT_FOUND, ALREADY_HANDLED, NO_TOPIC, FAILED
    }

    /** The outcome, and the detail of a failure (never personal data). */
    public record Result(Outcome outcome, String detail) {
    }

    public Result replay(String id, String who, String why) {
        Instant now = clock.instant();
        Optional<DeadLetter> found = letters.find(id);
        if (found.isEmpty()) {
            return audited(REPLAYED, id, who, why, new Result(Outcome.NOT_FOUND, "no dead letter " + id), now);
        }
        DeadLetter letter = found.get();
        String topic = letter.replayTopic();
        if (topic == null) {
            return audited(REPLAYED, id, who, why, new Result(Outcome.NO_TOPIC, "its original topic is not known"), now);
        }
        DeadLetter taken;
        try {
            taken = letter.replaying(who, now, why);
        } catch (DeadLetter.NotActionable e) {
            return audited(REPLAYED, id, who, why, new Result(Outcome.ALREADY_HANDLED, e.getMessage()), now);
        }
        if (!letters.save(taken)) {
            return audited(REPLAYED, id, who, why, new Result(Outcome.ALREADY_HANDLED, "dead letter " + id + " was taken by someone else"), now);
        }
        DeadLetter sending = letters.find(id).orElse(taken);
        try {
            replays.send(topic, sending);
        } catch (RuntimeException e) {
            log.warn("dead letter {} could not be replayed to {}: {}", id, topic, e.toString());
            letters.find(id).filter(current -> current.status() == DeadLetterStatus.REPLAYING).ifPresent(current -> letters.save(current.reopened()));
            return audited(REPLAYED, id, who, why, new Result(Outcome.FAILED, "the broker did not take it: " + e.getClass().getSimpleName()), now);
        }
        DeadLetter current = letters.find(id).orElse(sending);
        if (current.status() == DeadLetterStatus.REPLAYING && !letters.save(current.replayed(clock.instant()))) {
            log.warn("dead letter {} was replayed but changed before it could be marked replayed", id);
        }
        log.info("dead letter {} replayed to {} by {}", id, topic, who);
        return audited(REPLAYED, id, who, why + " (to " + topic + ")", new Result(Outcome.DONE, topic), now);
    }

    public Result discard(String id, String who, String why) {
        Instant now = clock.instant();
        Optional<DeadLetter> found = letters.find(id);
        if (found.isEmpty()) {
            return audited(DISCARDED, id, who, why, new Result(Outcome.NOT_FOUND, "no dead letter " + id), now);
        }
        try {
            if (!letters.save(found.get().discarded(who, now, why))) {
                return audited(DISCARDED, id, who, why, new Result(Outcome.ALREADY_HANDLED, "dead letter " + id + " was taken by someone else"), now);
            }
        } catch (DeadLetter.NotActionable e) {
            return audited(DISCARDED, id, who, why, new Result(Outcome.ALREADY_HANDLED, e.getMessage()), now);
        }
        log.info("dead letter {} discarded by {}", id, who);
        return audited(DISCARDED, id, who, why, new Result(Outcome.DONE, null), now);
    }

    /** The dead letters waiting for an operator, newest first: at most {@code limit} after the first {@code skip}. */
    public List<DeadLetter> waiting(int skip, int limit) {
        return letters.waiting(skip, limit);
    }

    private Result audited(String action, String id, String who, String why, Result result, Instant at) {
        String outcome = result.outcome() == Outcome.DONE ? "done" : result.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + (result.detail() == null ? "" : ": " + result.detail());
        audit.record(new AuditEntry(at, who, action, id, why, outcome));
        return result;
    }
}
