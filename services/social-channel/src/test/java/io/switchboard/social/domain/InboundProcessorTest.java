package io.switchboard.social.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.ContactEvent;
import io.switchboard.events.address.SocialAccount;
import io.switchboard.events.address.SocialPlatform;

/**
 * Store first, publish, answer: with an in-memory store and a broker that refuses once, a message is
 * kept (PENDING) and never lost — the platform's retry or the sweeper publishes the same events, with
 * the same ids, exactly once more.
 */
class InboundProcessorTest {

    private static final SocialAccount ACCOUNT = new SocialAccount(SocialPlatform.WHATSAPP, "100000000000001");

    private final MemoryStore store = new MemoryStore();
    private final FlakyPublisher publisher = new FlakyPublisher();
    private final InboundProcessor processor = new InboundProcessor(new AccountDirectory() {
        @Override
        public Optional<Route> lookup(SocialAccount account) {
            return account.equals(ACCOUNT) ? Optional.of(new Route("acme-bank", "Acme Bank", account.address())) : Optional.empty();
        }

        @Override
        public boolean loaded() {
            return true;
        }
    }, store, publisher, null, Clock.fixed(Instant.parse("2026-12-03T09:00:00Z"), ZoneOffset.UTC), "http://x", 100,
            Duration.ofSeconds(1));

    private static WebhookBatch batch(String id) {
        return new WebhookBatch(List.of(new InboundMessage(ACCOUNT, "12025550123", "Jane", id, Instant.parse("2026-12-03T08:59:00Z"),
                "text", "hello", List.of(), Map.of())), List.of(), List.of());
    }

    @Test
    void aMessageWhoseEventsWereNotAcknowledgedIsKeptAndPublishedOnceByTheSweeper() throws Exception {
        publisher.failNext = true;
        assertThatThrownBy(() -> processor.accept(batch("wamid.1"))).isInstanceOf(UnavailableException.class);
        assertThat(publisher.published).isEmpty();
        assertThat(store.pending()).hasSize(1);

        assertThat(processor.publishPending(Instant.parse("2026-12-04T00:00:00Z"))).isEqualTo(1);
        assertThat(publisher.published).hasSize(2); // contact.created + contact.message.received
        assertThat(processor.publishPending(Instant.parse("2026-12-04T00:00:00Z"))).isZero();
        // The platform's retry of the same message is a no-op now.
        assertThat(processor.accept(batch("wamid.1")).duplicates()).isEqualTo(1);
        assertThat(publisher.published).hasSize(2);
    }

    @Test
    void aRetryBeforeTheSweeperPublishesTheStoredEventsWithTheirOriginalIds() throws Exception {
        publisher.failNext = true;
        assertThatThrownBy(() -> processor.accept(batch("wamid.2"))).isInstanceOf(UnavailableException.class);
        List<byte[]> stored = store.payloads(store.pending().get(0));
        assertThat(processor.accept(batch("wamid.2")).duplicates()).isEqualTo(1);
        assertThat(publisher.published).containsExactlyElementsOf(stored);
        assertThat(store.pending()).isEmpty();
        assertThat(new String(stored.get(0), StandardCharsets.UTF_8)).contains("io.switchboard.contact.created");
    }

    /** Events as opaque bytes, remembered in order. */
    private static final class FlakyPublisher implements EventPublisher {
        boolean failNext;
        final List<byte[]> published = new ArrayList<>();

        @Override
        public StoredEvent encode(ContactEvent event) {
            String type = event.getClass().getSimpleName().equals("ContactCreated") ? "io.switchboard.contact.created"
                    : "io.switchboard.contact.message.received";
            return new StoredEvent("contacts", event.subject(), (type + ":" + event.eventId()).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void publish(List<StoredEvent> events, Duration timeout) {
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("broker unavailable");
            }
            events.forEach(e -> published.add(e.payload()));
        }
    }

    private static final class MemoryStore implements SocialStore {
        private final Map<String, UUID> byProviderId = new HashMap<>();
        private final Map<UUID, List<StoredEvent>> events = new LinkedHashMap<>();
        private final Map<UUID, Boolean> published = new LinkedHashMap<>();
        private final Map<UUID, String> contact = new HashMap<>();

        List<UUID> pending() {
            return published.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        }

        @Override
        public Optional<KnownInbound> findInbound(SocialPlatform platform, String providerMessageId) {
            UUID id = byProviderId.get(platform + providerMessageId);
            return id == null ? Optional.empty() : Optional.of(new KnownInbound(id, contact.get(id), published.get(id)));
        }

        @Override
        public Conversation saveInbound(NewInbound inbound, EventsFor eventsFor) throws DuplicateException {
            String key = inbound.message().account().platform() + inbound.message().providerMessageId();
            if (byProviderId.containsKey(key)) {
                throw new DuplicateException();
            }
            Conversation conversation = new Conversation("contact-" + key, inbound.tenantId(), inbound.message().account(),
                    inbound.message().senderId(), null, inbound.receivedAt(), inbound.message().sentAt(), null);
            byProviderId.put(key, inbound.id());
            events.put(inbound.id(), eventsFor.events(conversation, true));
            published.put(inbound.id(), false);
            contact.put(inbound.id(), conversation.contactId());
            return conversation;
        }

        List<byte[]> payloads(UUID id) {
            return events.get(id).stream().map(StoredEvent::payload).toList();
        }

        @Override
        public List<StoredEvent> events(UUID inboundId) {
            return events.get(inboundId);
        }

        @Override
        public void markPublished(UUID inboundId) {
            published.put(inboundId, true);
        }

        @Override
        public List<UUID> pendingBefore(Instant storedBefore, int limit) {
            return pending();
        }

        @Override
        public Optional<Conversation> conversation(String contactId) {
            return Optional.empty();
        }

        @Override
        public void markEnded(String contactId, Instant at) {
        }

        @Override
        public Optional<OutboundRecord> outbound(String messageId) {
            return Optional.empty();
        }

        @Override
        public void saveOutbound(OutboundRecord record) {
        }

        @Override
        public Optional<OutboundRecord> outboundByProviderId(SocialAccount account, String providerMessageId) {
            return Optional.empty();
        }

        @Override
        public List<OutboundRecord> sentUpTo(SocialAccount account, String recipientId, Instant upTo) {
            return List.of();
        }

        @Override
        public Optional<Attachment> attachment(UUID id) {
            return Optional.empty();
        }
    }
}
