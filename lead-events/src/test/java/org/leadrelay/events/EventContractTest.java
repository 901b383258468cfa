package org.leadrelay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventContractTest {

    private final EventCodec codec = new EventCodec();
    private final JsonMapper json = new JsonMapper();

    static Stream<LeadRelayEvent> events() {
        return EventSamples.oneOfEach().stream();
    }

    @Test
    void everyCataloguedTypeHasASample() {
        assertThat(EventSamples.oneOfEach().stream().map(event -> EventCatalog.of(event).type()).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(EventCatalog.ALL.stream().map(EventDescriptor::type).toList());
    }

    @ParameterizedTest
    @MethodSource("events")
    void serialisesToJsonThatValidatesAgainstItsSchemaAndReadsBackEqual(LeadRelayEvent event) {
        String type = EventCatalog.of(event).type();
        byte[] payload = codec.write(event);

        assertThat(codec.validate(type, payload)).isEmpty();
        assertThat(codec.read(type, payload)).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("events")
    void payloadMissingARequiredFieldFailsNamingTheField(LeadRelayEvent event) {
        String type = EventCatalog.of(event).type();
        ObjectNode tree = (ObjectNode) json.readTree(codec.write(event));
        String required = tree.propertyNames().iterator().next();
        tree.remove(required);
        byte[] broken = json.writeValueAsBytes(tree);

        assertThat(codec.validate(type, broken)).anySatisfy(violation -> assertThat(violation).contains(required));
        assertThatThrownBy(() -> codec.read(type, broken))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(required);
    }

    @Test
    void nestedViolationNamesThePathToTheField() {
        ObjectNode tree = (ObjectNode) json.readTree(codec.write(EventSamples.postgresMigrationInLyon()));
        ((ObjectNode) tree.get("personal")).remove("nonce");

        assertThat(codec.validate(EventTypes.LEAD_RECEIVED, json.writeValueAsBytes(tree)))
                .anySatisfy(violation -> assertThat(violation).contains("/personal").contains("nonce"));
    }

    @Test
    void rejectsAPayloadThatIsNotJson() {
        assertThatThrownBy(() -> codec.read(EventTypes.LEAD_RECEIVED, "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void rejectsAnUnknownType() {
        assertThatThrownBy(() -> codec.read("org.example.other.v1", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("unknown event type");
    }

    @Test
    void rejectsAPayloadOfAnotherKindThanExpected() {
        byte[] accepted = codec.write(new LeadAccepted(EventSamples.LEAD, EventSamples.ASSIGNMENT, EventSamples.PARTNER,
                EventSamples.NOW));

        assertThatThrownBy(() -> codec.read(EventTypes.LEAD_ACCEPTED, accepted, LeadAssigned.class))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void ignoresFieldsAddedByANewerMinorVersion() {
        ObjectNode tree = (ObjectNode) json.readTree(codec.write(EventSamples.postgresMigrationInLyon()));
        tree.put("campaign", "autumn-2026");

        assertThat(codec.read(EventTypes.LEAD_RECEIVED, json.writeValueAsBytes(tree)))
                .isEqualTo(EventSamples.postgresMigrationInLyon());
    }

    @Test
    void recordsRefuseAnInvalidStateWhenBuilt() {
        assertThatThrownBy(() -> new Need(List.of(), List.of(), null))
                .hasMessageContaining("need.products or need.services");
        assertThatThrownBy(() -> new Location("fr", null, null, null, null))
                .hasMessageContaining("location.country");
        assertThatThrownBy(() -> new Contact("No Mail", " ", null, null))
                .hasMessageContaining("contact.email");
    }

    @Test
    void listsAreImmutableCopies() {
        List<String> products = new java.util.ArrayList<>(List.of("postgresql"));
        Need need = new Need(products, null, null);
        products.add("oracle");

        assertThat(need.products()).containsExactly("postgresql");
        assertThatThrownBy(() -> need.products().add("mysql")).isInstanceOf(UnsupportedOperationException.class);
    }
}
