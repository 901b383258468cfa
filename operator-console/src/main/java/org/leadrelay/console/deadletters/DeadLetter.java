package org.leadrelay.console.deadletters;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A record that a consumer could not handle, as its dead-letter topic holds it: where it came from,
 * its key, value and headers untouched (so a replay writes back exactly what was first written),
 * why it failed, and what an operator did with it. Anything the binder's headers did not say is
 * null: a dead letter is kept however little can be read of it.
 *
 * @param id                {@link #id(String, int, long)}: where it sits in its dead-letter topic
 * @param version           the stored version, for compare-and-set
 * @param deadLetteredAt    when it was written to the dead-letter topic
 * @param headers           the original record's headers, without the binder's {@code x-original-*} and {@code x-exception-*}
 * @param ceType            the CloudEvents type header, when there was one
 * @param reason            the exception's message, first line, at most {@link #REASON_LENGTH} characters
 * @param exceptionClass    the exception's class name
 * @param actedBy           who replayed or discarded it
 * @param actionReason      the reason they gave
 */
public record DeadLetter(String id, long version, String dlqTopic, int dlqPartition, long dlqOffset, Instant deadLetteredAt,
        String originalTopic, Integer originalPartition, Long originalOffset, Instant originalTimestamp, byte[] key, byte[] value,
        List<RecordHeader> headers, String ceType, String reason, String exceptionClass, Instant storedAt, DeadLetterStatus status,
        String actedBy, Instant actedAt, String actionReason) {

    public static final int REASON_LENGTH = 300;
    public static final String DLQ_SUFFIX = ".dlq";
    /** A replay that has not finished after this (the console stopped mid-way) may be taken again. */
    public static final Duration STALE_REPLAY = Duration.ofMinutes(2);

    public DeadLetter {
        if (id == null || id.isBlank() || dlqTopic == null || dlqTopic.isBlank()) {
            throw new IllegalArgumentException("a dead letter has an id and a dead-letter topic");
        }
        headers = headers == null ? List.of() : List.copyOf(headers);
        status = status == null ? DeadLetterStatus.OPEN : status;
        reason = firstLine(reason, REASON_LENGTH);
        key = key == null ? null : key.clone();
        value = value == null ? null : value.clone();
    }

    /** A dead letter as it arrives, not yet stored. */
    public static DeadLetter arrived(String dlqTopic, int dlqPartition, long dlqOffset, Instant deadLetteredAt, String originalTopic,
            Integer originalPartition, Long originalOffset, Instant originalTimestamp, byte[] key, byte[] value, List<RecordHeader> headers,
            String ceType, String reason, String exceptionClass, Instant storedAt) {
        return new DeadLetter(id(dlqTopic, dlqPartition, dlqOffset), -1, dlqTopic, dlqPartition, dlqOffset, deadLetteredAt, originalTopic,
                originalPartition, originalOffset, originalTimestamp, key, value, headers, ceType, reason, exceptionClass, storedAt,
                DeadLetterStatus.OPEN, null, null, null);
    }

    /** {@code <dlqTopic>-<partition>-<offset>}: a record's place in its dead-letter topic, the same however often it is read. */
    public static String id(String dlqTopic, int partition, long offset) {
        return dlqTopic + "-" + partition + "-" + offset;
    }

    @Override
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    /** The topic a replay writes to: the one the binder named, else the dead-letter topic's own name without {@code .dlq}. */
    public String replayTopic() {
        if (originalTopic != null && !originalTopic.isBlank()) {
            return originalTopic;
        }
        return dlqTopic.endsWith(DLQ_SUFFIX) ? dlqTopic.substring(0, dlqTopic.length() - DLQ_SUFFIX.length()) : null;
    }

    /** The key as text (Lead Relay's keys are ids), or null when there is none. */
    public String keyText() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    public int size() {
        return value == null ? 0 : value.length;
    }

    /**
     * The value as text for a person to look at: at most {@code max} characters, control characters
     * shown as {@code �}, and bytes that are not UTF-8 shown in hexadecimal. For operators only: it
     * may hold personal data.
     */
    public String preview(int max) {
        if (value == null) {
            return "";
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException notText) {
            int shownBytes = Math.min(value.length, Math.max(1, (max - 2) / 2));
            StringBuilder hex = new StringBuilder("0x");
            for (int i = 0; i < shownBytes; i++) {
                hex.append(String.format("%02x", value[i]));
            }
            return shownBytes < value.length ? hex + "…" : hex.toString();
        }
        StringBuilder shown = new StringBuilder(Math.min(text.length(), max));
        text.codePoints().limit(max).forEach(c -> shown.appendCodePoint(Character.isISOControl(c) && c != '\n' && c != '\t' ? '\uFFFD' : c));
        return text.codePointCount(0, text.length()) > max ? shown + "…" : shown.toString();
    }

    /** Whether an operator may replay or discard it now. */
    public boolean actionable(Instant now) {
        return status == DeadLetterStatus.OPEN
                || status == DeadLetterStatus.REPLAYING && actedAt != null && !actedAt.plus(STALE_REPLAY).isAfter(now);
    }

    /**
     * Taken for a replay by one operator: the record is sent only by whoever stored this first, so
     * two clicks (or two operators) replay it once.
     */
    public DeadLetter replaying(String who, Instant at, String why) {
        requireActionable(at);
        return with(DeadLetterStatus.REPLAYING, who, at, why);
    }

    /** The replay reached the broker. */
    public DeadLetter replayed(Instant at) {
        if (status != DeadLetterStatus.REPLAYING) {
            throw new NotActionable(id, status);
        }
        return with(DeadLetterStatus.REPLAYED, actedBy, at, actionReason);
    }

    /** The replay could not be sent: open again for the next try. */
    public DeadLetter reopened() {
        return with(DeadLetterStatus.OPEN, null, null, null);
    }

    public DeadLetter discarded(String who, Instant at, String why) {
        requireActionable(at);
        return with(DeadLetterStatus.DISCARDED, who, at, why);
    }

    private void requireActionable(Instant now) {
        if (!actionable(now)) {
            throw new NotActionable(id, status);
        }
    }

    private DeadLetter with(DeadLetterStatus next, String who, Instant at, String why) {
        return new DeadLetter(id, version, dlqTopic, dlqPartition, dlqOffset, deadLetteredAt, originalTopic, originalPartition,
                originalOffset, originalTimestamp, key, value, headers, ceType, reason, exceptionClass, storedAt, next, who, at, why);
    }

    /** The first line of a text, trimmed to {@code max} characters (with an ellipsis when cut). */
    public static String firstLine(String text, int max) {
        if (text == null) {
            return null;
        }
        String line = text.strip();
        int end = line.indexOf('\n');
        if (end >= 0) {
            line = line.substring(0, end).strip();
        }
        return line.length() > max ? line.substring(0, max - 1) + "…" : line;
    }

    /** The dead letter was replayed or discarded already (or is being replayed right now). */
    public static final class NotActionable extends RuntimeException {

        private final DeadLetterStatus status;

        public NotActionable(String id, DeadLetterStatus status) {
            super("dead letter " + id + " is " + status.name().toLowerCase(java.util.Locale.ROOT));
            this.status = status;
        }

        public DeadLetterStatus status() {
            return status;
        }
    }
}
