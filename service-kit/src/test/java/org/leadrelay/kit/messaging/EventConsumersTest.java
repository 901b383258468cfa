package org.leadrelay.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.MalformedEventException;
import org.leadrelay.events.PartnerUpserted;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class EventConsumersTest {

    private final EventConsumers consumers = new EventConsumers(new EventCodec());

    @Test
    void handsTheKeyOfATombstoneToTheTombstoneHandler() {
        List<String> deleted = new ArrayList<>();

        consumers.of(PartnerUpserted.class, received -> { }, deleted::add).accept(tombstone("partner-1".getBytes(StandardCharsets.UTF_8)));

        assertThat(deleted).containsExactly("partner-1");
    }

    @Test
    void aTombstoneOnABindingWithoutTombstoneHandlerIsMalformed() {
        Consumer<Message<byte[]>> consumer = consumers.of(PartnerUpserted.class, received -> { });

        assertThatThrownBy(() -> consumer.accept(tombstone("partner-1".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("takes no tombstones");
    }

    @Test
    void aTombstoneWithoutKeyIsMalformed() {
        Consumer<Message<byte[]>> consumer = consumers.of(PartnerUpserted.class, received -> { }, key -> { });

        assertThatThrownBy(() -> consumer.accept(tombstone(null)))
                .isInstanceOf(MalformedEventException.class).hasMessage("record has no key");
    }

    @SuppressWarnings("unchecked")
    private static Message<byte[]> tombstone(byte[] key) {
        // what the Kafka binder hands over for a record with a null value: a KafkaNull payload behind the byte[] type
        MessageBuilder<KafkaNull> message = MessageBuilder.withPayload(KafkaNull.INSTANCE);
        if (key != null) {
            message.setHeader(KafkaHeaders.RECEIVED_KEY, key);
        }
        return (Message<byte[]>) (Message<?>) message.build();
    }
}
