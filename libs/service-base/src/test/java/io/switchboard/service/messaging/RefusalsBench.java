package io.switchboard.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.ContactMessageSent;
import io.switchboard.events.Direction;
import io.switchboard.events.EventType;
import io.switchboard.events.Topics;
import io.switchboard.events.address.Address;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.events.schema.SchemaCheck;

/**
 * What a consumer of the contacts topic spends on one record, in the thread's CPU time (not wall time), with
 * and without naming the types it reads: the chat channel's reply fan-out reads every customer message of the
 * topic and acts on none of them. Not part of the test run; run it by name (docs/benchmarks.md):
 *
 * <pre>./mvnw -B -o -pl libs/service-base test -Dtest=RefusalsBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class RefusalsBench {

    private static final int WARM_UP = 30_000;
    private static final int MEASURED = 100_000;
    private static final Set<EventType> FAN_OUT_READS = EnumSet.of(EventType.CONTACT_MESSAGE_SENT, EventType.CONTACT_MESSAGE_FAILED,
            EventType.CONTACT_ENDED, EventType.CONTACT_TYPING);

    @Test
    void cpuPerRecordWithAndWithoutTheReadTypes() throws Exception {
        Refusals refusals = new Refusals(new SimpleMeterRegistry(), "127.0.0.1:9", Map.of(), true);
        Instant at = Instant.parse("2026-12-07T04:00:00Z");
        ConsumerRecord<String, byte[]> customerMessage = record(new ContactMessageReceived(UUID.randomUUID(), "acme-bank", at, "contact-1",
                "m-1", Channel.CHAT, Address.chatVisitor("v-123"), "Hello, my parcel has not arrived and the tracking page says nothing",
                List.of(), Map.of()));
        ConsumerRecord<String, byte[]> reply = record(new ContactMessageSent(UUID.randomUUID(), "acme-bank", at, "contact-1", "m-2",
                Channel.CHAT, "agent-7", Address.chatVisitor("v-123"), "Sorry about that, I have sent a new one today.", List.of(),
                Map.of()));

        double passedOverBefore = microsPerRecord(() -> refusals.decode(customerMessage, "bench"));
        double passedOverAfter = microsPerRecord(() -> refusals.decode(customerMessage, "bench", FAN_OUT_READS));
        double readBefore = microsPerRecord(() -> refusals.decode(reply, "bench"));
        double readAfter = microsPerRecord(() -> refusals.decode(reply, "bench", FAN_OUT_READS));
        double decodedOnly = microsPerRecord(() -> EventCodec.decode(customerMessage.value()));
        ConsumerRecord<String, byte[]> contact = record(new ContactCreated(UUID.randomUUID(), "acme-bank", at, "contact-2", Channel.CHAT,
                Direction.INBOUND, "widget", Address.chatVisitor("v-124"), null, Map.of(), null, "hi", List.of(), "en", 0, Map.of()));
        double contactChecked = microsPerRecord(() -> refusals.decode(contact, "bench"));
        double contactDecoded = microsPerRecord(() -> EventCodec.decode(contact.value()));
        SchemaCheck schemas = new SchemaCheck();
        double checkedOnly = microsPerRecord(() -> schemas.check(customerMessage.value()));
        assertThat(refusals.decode(reply, "bench", FAN_OUT_READS)).isPresent();
        assertThat(refusals.decode(customerMessage, "bench", FAN_OUT_READS)).isEmpty();

        String result = String.format(Locale.ROOT, "CPU per record, %,d measured after %,d warm-up, one thread:%n"
                + "  a customer message the fan-out does not read: %.1f µs checked and decoded, %.1f µs passed over on its type%n"
                + "  a reply it reads: %.1f µs, %.1f µs with the type read first%n"
                + "  the customer message's parts: %.1f µs decoded alone (EventCodec), %.1f µs checked alone (SchemaCheck)%n"
                + "  a new contact (routing's input): %.1f µs checked and decoded (its ingest), %.1f µs decoded (its processor)%n",
                MEASURED, WARM_UP, passedOverBefore, passedOverAfter, readBefore, readAfter, decodedOnly, checkedOnly, contactChecked,
                contactDecoded);
        System.out.print(result);
        Path dir = Files.createDirectories(Path.of("target/refusals-bench"));
        Files.writeString(dir.resolve("report.txt"), result);
        Files.writeString(dir.resolve("report.json"), String.format(Locale.ROOT, "{\"records\": %d, \"passed_over_us\": {\"decoded\": %.2f,"
                + " \"by_type\": %.2f}, \"read_us\": {\"decoded\": %.2f, \"by_type\": %.2f}, \"decode_only_us\": %.2f,"
                + " \"schema_check_only_us\": %.2f, \"contact_created_us\": {\"checked_and_decoded\": %.2f, \"decoded\": %.2f}}%n",
                MEASURED, passedOverBefore, passedOverAfter, readBefore, readAfter, decodedOnly, checkedOnly, contactChecked, contactDecoded));
    }

    private static double microsPerRecord(Supplier<?> work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Object sink = null;
        for (int i = 0; i < WARM_UP; i++) {
            sink = work.get();
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < MEASURED; i++) {
            sink = work.get();
        }
        long used = threads.getCurrentThreadCpuTime() - start;
        assertThat(sink).isNotNull();
        return used / 1e3 / MEASURED;
    }

    private static ConsumerRecord<String, byte[]> record(io.switchboard.events.SwitchboardEvent event) {
        return new ConsumerRecord<>(Topics.CONTACTS, 0, 0L, "contact-1", EventCodec.encode(event, URI.create("/channels/chat")));
    }
}
