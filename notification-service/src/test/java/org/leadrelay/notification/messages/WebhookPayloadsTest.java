package org.leadrelay.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Contact;
import org.leadrelay.events.Environment;
import org.leadrelay.events.LeadBrief;
import org.leadrelay.events.Need;
import org.leadrelay.events.Score;
import org.leadrelay.events.ScoreComponent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What partners receive matches the schema published for them in docs/webhooks.schema.json. */
class WebhookPayloadsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-11-23T09:15:30Z");

    private final Schema schema = published();

    @Test
    void anOfferMatchesThePublishedSchemaAndCarriesItsAnswer() {
        LeadOffer offer = new LeadOffer(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "Lyon Open Source", 2, true,
                Score.of(List.of(new ScoreComponent("speciality", 40, "covers 2 of 3: mariadb, migration"))), brief(), AT,
                AT.plusSeconds(4 * 3600), null, null, null).withAnswer("TOKEN", URI.create("https://router.leadrelay.example"));

        JsonNode payload = valid(WebhookPayloads.offered(offer));

        assertThat(payload.get("type").asString()).isEqualTo("lead.offered");
        assertThat(payload.get("timestamp").asString()).isEqualTo("2026-11-23T09:15:30Z");
        assertThat(payload.get("answerToken").asString()).isEqualTo("TOKEN");
        assertThat(payload.get("answerUrl").asString()).isEqualTo("https://router.leadrelay.example/api/answers/TOKEN");
        assertThat(payload.get("reassigned").asBoolean()).isTrue();
        assertThat(payload.has("contact")).isFalse();
        assertThat(payload.get("lead").has("asked")).as("only the brief's fields").isFalse();
        assertThat(payload.get("lead").has("place")).isFalse();
        assertThat(payload.get("lead").has("personal")).as("the sealed data is no partner's business").isFalse();
        assertThat(payload.get("lead").get("need").get("description").asString()).isEqualTo("Move our MySQL 5.7 to MariaDB 11 without downtime");
    }

    @Test
    void anAcceptanceMatchesThePublishedSchemaWithAndWithoutTheContact() {
        Acceptance acceptance = new Acceptance(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), AT,
                new Contact("Jean Weber", "jean.weber@example.lu", "+352123456", "Brasserie du Nord"), brief());

        assertThat(valid(WebhookPayloads.accepted(acceptance)).get("contact").get("email").asString()).isEqualTo("jean.weber@example.lu");
        assertThat(valid(WebhookPayloads.accepted(new Acceptance(acceptance.leadId(), acceptance.assignmentId(), acceptance.partnerId(),
                AT, null, null))).has("contact")).isFalse();
    }

    @Test
    void aWithdrawalMatchesThePublishedSchema() {
        for (Withdrawal.Reason reason : Withdrawal.Reason.values()) {
            JsonNode payload = valid(WebhookPayloads.withdrawn(new Withdrawal(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), reason,
                    AT, brief())));
            assertThat(payload.get("reason").asString()).isEqualTo(reason.code());
        }
    }

    @Test
    void anErasureRequestMatchesThePublishedSchemaAndNamesNoPerson() {
        UUID offered = UUID.randomUUID();
        UUID accepted = UUID.randomUUID();
        JsonNode payload = valid(WebhookPayloads.erased(new Erasure(UUID.randomUUID(), UUID.randomUUID(), List.of(offered, accepted), true, AT)));
        assertThat(payload.get("type").asString()).isEqualTo("lead.erased");
        assertThat(payload.get("assignmentId").asString()).isEqualTo(accepted.toString());
        assertThat(payload.get("assignmentIds")).extracting(JsonNode::asString).containsExactly(offered.toString(), accepted.toString());
        assertThat(payload.get("accepted").asBoolean()).isTrue();
        assertThat(payload.has("contact")).isFalse();
        assertThat(payload.has("lead")).isFalse();
    }

    @Test
    void thePublishedSchemaRefusesWhatIsNotAPayload() {
        assertThat(schema.validate(JSON.readTree("{\"type\": \"lead.offered\", \"leadId\": \"x\"}"))).isNotEmpty();
        assertThat(schema.validate(JSON.readTree("{\"type\": \"lead.sold\"}"))).isNotEmpty();
    }

    private JsonNode valid(String body) {
        JsonNode payload = JSON.readTree(body);
        assertThat(schema.validate(payload)).as(body).isEmpty();
        return payload;
    }

    private static PartnerBrief brief() {
        return PartnerBrief.of(new LeadBrief(new Need(List.of("mariadb"), List.of("migration"), new Environment(List.of("linux"), List.of("mysql"), List.of())), "LU", null, "Esch-sur-Alzette", "fr", 40,
                new org.leadrelay.events.Sealed("bm9uY2U=", "c2VhbGVk")), "Move our MySQL 5.7 to MariaDB 11 without downtime");
    }

    private static Schema published() {
        try {
            JsonNode document = JSON.readTree(Files.readString(Path.of("..", "docs", "webhooks.schema.json")));
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(SchemaLocation.of(document.get("$id").asString()), document);
            schema.initializeValidators();
            return schema;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
