package org.leadrelay.console.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.console.ConsoleApplication;
import org.leadrelay.console.audit.AuditEntry;
import org.leadrelay.console.audit.AuditTrail;
import org.leadrelay.console.leads.LeadStories;
import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.events.Topics;
import org.leadrelay.testing.ConsoleBrowser;
import org.leadrelay.testing.LeadKeyServer;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

@WithInfrastructure
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + ConsoleApplication.CONFIG_NAME, LeadKeyServer.CONSOLE_URL, LeadKeyServer.CONSOLE_USERNAME,
                LeadKeyServer.CONSOLE_PASSWORD})
class DeadLettersIT {

    private static final String DLQ = Topics.deadLetterOf(Topics.LEADS_RECEIVED);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicProbe kafka;

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Autowired
    LeadStories stories;

    @Autowired
    Environment environment;

    @Autowired
    DeadLetters letters;

    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    @BeforeAll
    static void probe() {
        kafka = TopicProbe.on(Topics.LEADS_RECEIVED);
    }

    @AfterAll
    static void closeProbe() {
        kafka.close();
    }

    @Test
    void a_dead_letter_shows_with_its_reason_and_a_replay_puts_the_original_record_back_once_however_often_it_is_posted() {
        LeadReceived lead = lead("dead.letter.person@example.org");
        EventEnvelope<LeadReceived> envelope = EventEnvelope.of(UUID.randomUUID(), "/leadrelay/lead-intake", lead.receivedAt(), lead);
        Map<String, byte[]> original = CloudEventHeaders.toHeaders(envelope);
        byte[] value = new EventCodec().write(lead);
        kafka.send(DLQ, lead.leadId().toString(), binderHeaders(original, "database timed out while storing lead"), value);

        ConsoleBrowser operator = ConsoleBrowser.signIn(base(), "operator", "local-operator-password");
        String id = awaitRecord(operator, lead.leadId().toString());
        String row = row(operator.get("/dead-letters").body(), id);
        assertThat(row).contains("database timed out while storing lead", Topics.LEADS_RECEIVED, lead.leadId().toString(),
                "org.leadrelay.lead.received.v2", lead.personal().ciphertext()).doesNotContain("dead.letter.person@example.org");

        ConsoleBrowser viewer = ConsoleBrowser.signIn(base(), "viewer", "local-viewer-password");
        String seen = viewer.get("/dead-letters").body();
        assertThat(row(seen, id)).contains("database timed out while storing lead");
        assertThat(seen).doesNotContain(lead.personal().ciphertext()).doesNotContain("/dead-letters/" + id + "/replay");
        assertThat(viewer.postForm("/dead-letters", "/dead-letters/" + id + "/replay", "reason=viewers+may+not").statusCode()).isEqualTo(403);

        var first = operator.postForm("/dead-letters", "/dead-letters/" + id + "/replay", "reason=database+is+back");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(ConsoleBrowser.notice(first.body())).contains("was replayed to its original topic");
        var second = operator.postForm("/dead-letters", "/dead-letters/" + id + "/replay", "reason=database+is+back");
        assertThat(ConsoleBrowser.notice(second.body())).contains("handled already");

        Predicate<ConsumerRecord<String, byte[]>> replayed = TopicProbe.keyed(lead.leadId());
        ConsumerRecord<String, byte[]> record = kafka.awaitRecord(replayed);
        assertThat(record.value()).isEqualTo(value);
        original.forEach((name, header) -> assertThat(record.headers().lastHeader(name)).as(name).isNotNull()
                .satisfies(written -> assertThat(written.value()).as(name).isEqualTo(header)));
        assertThat(Arrays.stream(record.headers().toArray()).map(Header::key)).noneMatch(name -> name.startsWith("x-"));
        assertThat(kafka.recordsAfter(Duration.ofSeconds(3), replayed)).hasSize(1);

        // the console's own consumer reads the replayed record like any other
        Awaitility.await().atMost(WAIT).until(() -> stories.find(lead.leadId()).isPresent());
        assertThat(row(operator.get("/dead-letters").body(), id)).isEmpty();

        List<AuditEntry> entries = audit.latest(50).stream().filter(entry -> entry.target().equals(id)).toList();
        assertThat(entries).extracting(AuditEntry::outcome).containsExactly("already-handled: dead letter " + id + " is replayed", "done");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.who()).isEqualTo("operator");
            assertThat(entry.action()).isEqualTo(HandlingDeadLetters.REPLAYED);
            assertThat(entry.detail()).startsWith("database is back");
            assertThat(entry.at()).isBefore(Instant.now().plusSeconds(1));
        });
        assertThat(operator.get("/dead-letters").body()).contains("data-target=\"" + id + "\"");
    }

    @Test
    void an_unreadable_dead_letter_still_shows_and_can_be_discarded_with_a_reason() {
        byte[] garbage = {(byte) 0xc3, 0x28, 0x00, (byte) 0xff, 0x7f, (byte) 0x80};
        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.deadLetterOf(Topics.NOTIFICATIONS), marker, Map.of(), garbage);

        ConsoleBrowser operator = ConsoleBrowser.signIn(base(), "operator", "local-operator-password");
        String id = awaitRecord(operator, marker);
        assertThat(id).startsWith(Topics.deadLetterOf(Topics.NOTIFICATIONS) + "-");
        assertThat(row(operator.get("/dead-letters").body(), id)).contains("no reason given", Topics.NOTIFICATIONS, "0xc32800ff7f80");

        var refused = operator.postForm("/dead-letters", "/dead-letters/" + id + "/discard", "reason=+");
        assertThat(ConsoleBrowser.notice(refused.body())).contains("give a reason");
        assertThat(row(refused.body(), id)).isNotEmpty();

        var discarded = operator.postForm("/dead-letters", "/dead-letters/" + id + "/discard", "reason=test+garbage");
        assertThat(ConsoleBrowser.notice(discarded.body())).contains("was discarded");
        assertThat(row(discarded.body(), id)).isEmpty();
        assertThat(audit.latest(50)).anySatisfy(entry -> {
            assertThat(entry.target()).isEqualTo(id);
            assertThat(entry.action()).isEqualTo(HandlingDeadLetters.DISCARDED);
            assertThat(entry.who()).isEqualTo("operator");
            assertThat(entry.detail()).isEqualTo("test garbage");
            assertThat(entry.outcome()).isEqualTo("done");
        });
    }

    @Test
    void the_page_shows_fifty_dead_letters_at_a_time_newest_first_and_pages_through_the_rest() {
        // older than anything the other tests store, so they sit after them, in this order
        Instant oldest = Instant.parse("2020-01-01T00:00:00Z");
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            DeadLetter letter = DeadLetter.arrived("paging.test.dlq", 0, i, oldest.plusSeconds(i), Topics.LEADS_RECEIVED, 0, (long) i,
                    oldest, null, "{}".getBytes(StandardCharsets.UTF_8), List.of(), null, "paging test " + i, null, oldest.plusSeconds(i));
            assertThat(letters.add(letter)).isTrue();
            ours.add(0, letter.id());
        }
        ConsoleBrowser operator = ConsoleBrowser.signIn(base(), "operator", "local-operator-password");

        List<String> listed = new ArrayList<>();
        String page = operator.get("/dead-letters").body();
        for (int number = 1; ; number++) {
            List<String> rows = new ArrayList<>();
            Matcher row = Pattern.compile("data-record=\"([^\"]+)\"").matcher(page);
            while (row.find()) {
                rows.add(row.group(1));
            }
            assertThat(rows).as("page " + number).hasSizeLessThanOrEqualTo(50).isNotEmpty();
            listed.addAll(rows);
            if (!page.contains("rel=\"next\"")) {
                break;
            }
            assertThat(page).contains("/dead-letters?page=" + (number + 1));
            page = operator.get("/dead-letters?page=" + (number + 1)).body();
        }
        assertThat(listed).as("every waiting dead letter once, newest first").doesNotHaveDuplicates();
        assertThat(listed.stream().filter(ours::contains).toList()).containsExactlyElementsOf(ours);
        assertThat(operator.get("/dead-letters?page=999").body()).contains("No dead letter waits this far back.");
    }

    @Test
    void a_stored_dead_letter_goes_when_its_retention_is_over_whatever_was_done_with_it() {
        LeadReceived lead = lead("retained.dead.letter@example.org");
        EventEnvelope<LeadReceived> envelope = EventEnvelope.of(UUID.randomUUID(), "/leadrelay/lead-intake", lead.receivedAt(), lead);
        kafka.send(DLQ, lead.leadId().toString(), binderHeaders(CloudEventHeaders.toHeaders(envelope), "kept 14 days"),
                new EventCodec().write(lead));
        ConsoleBrowser operator = ConsoleBrowser.signIn(base(), "operator", "local-operator-password");
        String id = awaitRecord(operator, lead.leadId().toString());

        // the consumer scheduled it for the end of the configured retention (14 days by default)
        Instant storedAt = letters.find(id).orElseThrow().storedAt();
        long slot = Math.floorDiv(storedAt.plus(Duration.ofDays(14)).toEpochMilli(), Duration.ofMinutes(1).toMillis());
        org.bson.Document scheduled = mongo.findById("dead-letters@60000ms:" + slot, org.bson.Document.class, "expiry_slots");
        assertThat(scheduled).isNotNull();
        assertThat(scheduled.getList("ids", String.class)).contains(id);

        // a retention of a second, on the same database: the letter goes, discarded or not, and only it
        DeadLetter other = DeadLetter.arrived("retention.test.dlq", 0, 1, Instant.now(), Topics.LEADS_RECEIVED, 0, 1L, Instant.now(),
                null, "{}".getBytes(StandardCharsets.UTF_8), List.of(), null, "kept a second", null, Instant.now());
        DeadLetterRetention shortLived = new DeadLetterRetention(new org.leadrelay.kit.retention.ExpiryWheels(mongo, java.time.Clock.systemUTC()),
                new DeadLetterRetention.Properties(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofMillis(500)),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), letters);
        shortLived.stored(other.id(), other.storedAt());
        assertThat(letters.add(other)).isTrue();
        shortLived.sweeper().start();
        try {
            Awaitility.await().atMost(WAIT).until(() -> letters.find(other.id()).isEmpty());
        } finally {
            shortLived.sweeper().stop();
        }
        assertThat(letters.find(id)).isPresent();
    }

    @Test
    void every_dead_letter_topic_of_the_contract_is_read() {
        String destinations = environment.getProperty("spring.cloud.stream.bindings.deadLetter-in-0.destination");
        assertThat(destinations.split(",")).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topics::deadLetterOf).toList());
    }

    /** The binder's dead-letter headers around the original ones, as KafkaMessageChannelBinder writes them. */
    private static Map<String, byte[]> binderHeaders(Map<String, byte[]> original, String reason) {
        Map<String, byte[]> headers = new HashMap<>(original);
        headers.put("x-original-topic", Topics.LEADS_RECEIVED.getBytes(StandardCharsets.UTF_8));
        headers.put("x-original-partition", ByteBuffer.allocate(4).putInt(1).array());
        headers.put("x-original-offset", ByteBuffer.allocate(8).putLong(4242L).array());
        headers.put("x-original-timestamp", ByteBuffer.allocate(8).putLong(System.currentTimeMillis()).array());
        headers.put("x-original-timestamp-type", "CreateTime".getBytes(StandardCharsets.UTF_8));
        headers.put("x-exception-fqcn", "org.springframework.messaging.MessageHandlingException".getBytes(StandardCharsets.UTF_8));
        headers.put("x-exception-message", (reason + "\nnested detail").getBytes(StandardCharsets.UTF_8));
        headers.put("x-exception-stacktrace", "org.springframework.messaging.MessageHandlingException\n\tat a.b".getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** Waits until the page lists a dead letter whose row shows {@code text}, and returns its id. */
    private static String awaitRecord(ConsoleBrowser browser, String text) {
        String[] id = new String[1];
        Awaitility.await().atMost(WAIT).until(() -> {
            String body = browser.get("/dead-letters").body();
            int at = body.indexOf(text);
            int row = at < 0 ? -1 : body.lastIndexOf("data-record=\"", at);
            if (row < 0) {
                return false;
            }
            int start = row + "data-record=\"".length();
            id[0] = body.substring(start, body.indexOf('"', start));
            return true;
        });
        return id[0];
    }

    /** The row of the dead-letters table for that record, or "" when it is not listed. */
    private static String row(String body, String id) {
        int start = body.indexOf("data-record=\"" + id + "\"");
        return start < 0 ? "" : body.substring(start, body.indexOf("</tr>", start));
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static LeadReceived lead(String email) {
        UUID leadId = UUID.randomUUID();
        return new LeadReceived(leadId, LeadKeyServer.seal(leadId, new Contact("Dead Letter Person", email, "+33611223399", "Lettres SARL"), null),
                new Need(List.of("postgresql"), List.of("migration"), null), new Location("FR", null, "Lyon", null, null),
                "fr", 40, new Consent("partner-contact-v1", Instant.now()), "website-form", Instant.now());
    }
}
