package io.switchboard.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactTyping;
import io.switchboard.events.EventType;
import io.switchboard.events.Topics;
import io.switchboard.events.codec.EventCodec;

/**
 * A consumer that names the types it reads passes over the contract's other types before any check or decode.
 * The refusals' broker is an address nobody answers on: a refusal attempted here would fail the test.
 */
class RefusalsReadsTest {

    private final Refusals refusals = new Refusals(new SimpleMeterRegistry(), "127.0.0.1:9", Map.of(), true);
    private final ContactTyping typing = new ContactTyping(UUID.randomUUID(), "acme-bank", Instant.parse("2026-12-07T04:00:00Z"),
            "contact-1", Channel.CHAT, ContactTyping.Party.CUSTOMER, null);

    @Test
    void aTypeTheConsumerReadsIsDecoded() {
        assertThat(refusals.decode(record(EventCodec.encode(typing, URI.create("/test"))), "test", EnumSet.of(EventType.CONTACT_TYPING)))
                .contains(typing);
    }

    @Test
    void anotherTypeOfTheContractIsPassedOverUnchecked() {
        // Its data breaks the schema (no contactId): a consumer that read the type would dead-letter it.
        byte[] broken = new String(EventCodec.encode(typing, URI.create("/test")), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"contactId\":\"contact-1\",", "").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(refusals.decode(record(broken), "test", EnumSet.of(EventType.CONTACT_ENDED))).isEmpty();
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>(Topics.CONTACTS, 0, 0L, "contact-1", value);
    }
}
