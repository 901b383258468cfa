package org.leadrelay.router.partners.messaging;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.leadrelay.router.partners.PartnerCopies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rebuilds the partner copy from the compacted partners topic when the router's database holds no
 * partner (a new database, or one wiped after a disaster): on its first assignment the partners
 * binding then reads its partitions from the beginning instead of its committed offsets, and the
 * revisions make reading a partner again harmless.
 */
@Configuration(proxyBeanMethods = false)
class RebuildingCopies {

    private static final Logger log = LoggerFactory.getLogger(RebuildingCopies.class);
    static final String PARTNERS_BINDING = "partnerUpserted-in-0";

    @Bean
    KafkaBindingRebalanceListener rebuildPartnerCopies(PartnerCopies copies) {
        return new KafkaBindingRebalanceListener() {
            @Override
            public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
                    boolean initial) {
                if (initial && PARTNERS_BINDING.equals(bindingName) && !partitions.isEmpty() && copies.isEmpty()) {
                    log.info("no partner in the router's copy: reading {} from the beginning to rebuild it", partitions);
                    consumer.seekToBeginning(partitions);
                }
            }
        };
    }
}
