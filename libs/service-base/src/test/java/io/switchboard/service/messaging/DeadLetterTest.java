package io.switchboard.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.switchboard.events.Topics;

class DeadLetterTest {

    @Test
    void theDeadLetterKeepsTheOriginalAndSaysWhereFromWhoAndWhy() {
        ConsumerRecord<String, byte[]> original = new ConsumerRecord<>(Topics.CONTACTS, 4, 1234L, "contact-1",
                "{\"not\":\"an event\"}".getBytes(StandardCharsets.UTF_8));
        original.headers().add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> letter = DeadLetter.of(original, "agent-desktop", RefusalReason.SCHEMA_VIOLATION,
                "io.switchboard.contact.created.v1 x has invalid data: priority", "priority");

        assertThat(letter.topic()).isEqualTo(Topics.DEAD_LETTER);
        assertThat(letter.key()).isEqualTo("contact-1");
        assertThat(letter.value()).isEqualTo(original.value());
        assertThat(header(letter, DeadLetter.TOPIC)).isEqualTo(Topics.CONTACTS);
        assertThat(header(letter, DeadLetter.PARTITION)).isEqualTo("4");
        assertThat(header(letter, DeadLetter.OFFSET)).isEqualTo("1234");
        assertThat(header(letter, DeadLetter.CONSUMER)).isEqualTo("agent-desktop");
        assertThat(header(letter, DeadLetter.STAGE)).isEqualTo("VALUE_CONVERTER");
        assertThat(header(letter, DeadLetter.REASON)).isEqualTo("SCHEMA_VIOLATION");
        assertThat(header(letter, DeadLetter.FIELD)).isEqualTo("priority");
        assertThat(header(letter, DeadLetter.MESSAGE)).contains("invalid data");
        assertThat(header(letter, "traceparent")).startsWith("00-0af7");
    }

    @Test
    void aNewVersionOfAKnownTypeIsARefusalAndANewTypeIsNot() {
        assertThat(Refusals.isNewVersionOfAKnownType("io.switchboard.contact.created.v2")).isTrue();
        assertThat(Refusals.isNewVersionOfAKnownType("io.switchboard.contact.callback.requested.v1")).isFalse();
        assertThat(Refusals.isNewVersionOfAKnownType("com.example.order.placed.v1")).isFalse();
        assertThat(Refusals.isNewVersionOfAKnownType(null)).isFalse();
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
