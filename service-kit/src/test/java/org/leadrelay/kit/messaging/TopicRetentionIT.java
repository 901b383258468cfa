package org.leadrelay.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Topics;
import org.leadrelay.kit.KitTestApplication;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every topic's retention comes from the service's configuration, the dead-letter topics' too, and
 * a topic that exists with another retention (the broker's default, an earlier setting) gets the
 * configured one when a service starts.
 */
@WithInfrastructure
class TopicRetentionIT {

    private static final Duration RETENTION = Duration.ofDays(3);
    private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(9);

    @Test
    void aServiceSetsTheConfiguredRetentionOnEveryTopicAndDeadLetterTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.kafka.bootstrap-servers")))) {
            // a topic already there, kept an hour: the start of a service changes it
            Set<String> existing = admin.listTopics().names().get();
            if (!existing.contains(Topics.LEADS_RECEIVED)) {
                admin.createTopics(List.of(new NewTopic(Topics.LEADS_RECEIVED, 3, (short) 1))).all().get();
            }
            ConfigResource received = new ConfigResource(ConfigResource.Type.TOPIC, Topics.LEADS_RECEIVED);
            admin.incrementalAlterConfigs(Map.of(received, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "3600000"), AlterConfigOp.OpType.SET)))).all().get();
            assertThat(retentionOf(admin, List.of(Topics.LEADS_RECEIVED))).containsEntry(Topics.LEADS_RECEIVED, "3600000");

            try (ConfigurableApplicationContext service = new SpringApplicationBuilder(KitTestApplication.class)
                    .web(WebApplicationType.NONE)
                    .run("--spring.mongodb.database=service-kit-topics-it", "--leadrelay.events.source=/leadrelay/kit-tests",
                            "--spring.kafka.admin.modify-topic-configs=true",
                            "--leadrelay.events.retention=" + RETENTION.toDays() + "d",
                            "--leadrelay.events.dead-letter-retention=" + DEAD_LETTER_RETENTION.toDays() + "d")) {
                List<String> plan = Topics.plan(3).stream().map(Topics.TopicSpec::name).toList();
                Map<String, Config> configs = admin.describeConfigs(plan.stream()
                        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get()
                        .entrySet().stream().collect(Collectors.toMap(entry -> entry.getKey().name(), Map.Entry::getValue));

                assertThat(configs).hasSize(plan.size());
                for (String topic : plan) {
                    Config config = configs.get(topic);
                    if (Topics.isCompacted(topic)) {
                        assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(topic).isEqualTo("compact");
                    } else {
                        Duration expected = Topics.isDeadLetterTopic(topic) ? DEAD_LETTER_RETENTION : RETENTION;
                        assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(topic).isEqualTo("delete");
                        assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).as(topic)
                                .isEqualTo(Long.toString(expected.toMillis()));
                        assertThat(config.get(TopicConfig.SEGMENT_MS_CONFIG).value()).as(topic).isEqualTo("86400000");
                    }
                }
                assertThat(plan).contains(Topics.LEADS_RECEIVED, Topics.deadLetterOf(Topics.LEADS_RECEIVED),
                        Topics.deadLetterOf(Topics.ERASURES));
            }
        }
    }

    private static Map<String, String> retentionOf(Admin admin, List<String> topics) throws Exception {
        return admin.describeConfigs(topics.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
                .all().get().entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().name(), entry -> entry.getValue()
                        .get(TopicConfig.RETENTION_MS_CONFIG).value()));
    }
}
