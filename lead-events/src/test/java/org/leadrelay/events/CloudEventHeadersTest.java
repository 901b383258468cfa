package org.leadrelay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    private final EventEnvelope<LeadReceived> envelope = EventEnvelope.of(UUID.randomUUID(), "/leadrelay/lead-intake",
            EventSamples.NOW, EventSamples.postgresMigrationInLyon());

    @Test
    void writesTheBinaryModeHeadersAsUtf8Strings() {
        Map<String, byte[]> headers = CloudEventHeaders.toHeaders(envelope);

        assertThat(headers.keySet()).containsExactly("ce_id", "ce_type", "ce_source", "ce_time", "ce_specversion", "content-type");
        assertThat(text(headers.get("ce_type"))).isEqualTo("org.leadrelay.lead.received.v2");
        assertThat(text(headers.get("ce_specversion"))).isEqualTo("1.0");
        assertThat(text(headers.get("ce_time"))).isEqualTo("2026-11-23T09:15:30.123Z");
        assertThat(text(headers.get("content-type"))).isEqualTo("application/json");
    }

    @Test
    void readsBackTheContextAttributes() {
        Map<String, byte[]> headers = CloudEventHeaders.toHeaders(envelope);

        CloudEventHeaders.Context context = CloudEventHeaders.read(headers::get);

        assertThat(context).isEqualTo(new CloudEventHeaders.Context(envelope.id(), envelope.type(), envelope.source(), envelope.time()));
    }

    @Test
    void refusesARecordWithoutAType() {
        Map<String, byte[]> headers = new HashMap<>(CloudEventHeaders.toHeaders(envelope));
        headers.remove("ce_type");

        assertThatThrownBy(() -> CloudEventHeaders.read(headers::get))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("ce_type");
    }

    @Test
    void refusesAnUnreadableId() {
        Map<String, byte[]> headers = new HashMap<>(CloudEventHeaders.toHeaders(envelope));
        headers.put("ce_id", "not-a-uuid".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CloudEventHeaders.read(headers::get)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void typeAndTopicComeFromTheCatalogNotTheClassName() {
        assertThat(envelope.type()).isEqualTo(EventTypes.LEAD_RECEIVED);
        assertThat(envelope.topic()).isEqualTo(Topics.LEADS_RECEIVED);
        assertThat(envelope.key()).isEqualTo(EventSamples.LEAD.toString());
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
