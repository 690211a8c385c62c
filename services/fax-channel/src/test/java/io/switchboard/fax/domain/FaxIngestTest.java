package io.switchboard.fax.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.SwitchboardEvent;

/**
 * The ingest's promises with the store and the broker as fakes: nothing is published that was not
 * stored, a broker that does not acknowledge leaves the fax pending (the caller is told to retry) and
 * the sweeper or the provider's retry publishes the very same event, and nothing is fetched for a
 * fax taken before.
 */
class FaxIngestTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final String FAX_NUMBER = "+442079460999";
    private static final String SENDER = "+447911123456";

    private final MemoryStore store = new MemoryStore();
    private final FlakyBroker broker = new FlakyBroker();
    private final CountingFetcher fetcher = new CountingFetcher();
    private boolean configurationRead = true;
    private final NumberDirectory directory = new NumberDirectory() {
        @Override
        public Optional<FaxRoute> route(String e164) {
            return configurationRead && FAX_NUMBER.equals(e164) ? Optional.of(new FaxRoute("acme-bank", "Acme Bank", FAX_NUMBER, "GB"))
                    : Optional.empty();
        }

        @Override
        public boolean loaded() {
            return configurationRead;
        }
    };
    private final FaxIngest ingest = new FaxIngest(store, broker, directory, fetcher, new DocumentCheck(10),
            new FaxRules("https://fax.example/", 100_000, Set.of("media.example")), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aBrokerOutageLeavesTheFaxPendingAndTheRetryPublishesTheSameEvent() throws Exception {
        broker.down = true;
        InboundFax fax = new InboundFax("twilio", "FX1", SENDER, FAX_NUMBER, "1");
        assertThatThrownBy(() -> ingest.receive(fax, "https://media.example/FX1")).isInstanceOf(UnavailableException.class);
        assertThat(store.faxes).hasSize(1);
        assertThat(store.pending).hasSize(1);
        byte[] storedEvent = store.events.values().iterator().next().get(0).payload();

        broker.down = false;
        IngestOutcome retried = ingest.receive(fax, "https://media.example/FX1");
        assertThat(retried.kind()).isEqualTo(IngestOutcome.Kind.DUPLICATE);
        assertThat(broker.published).hasSize(1);
        assertThat(broker.published.get(0).payload()).isEqualTo(storedEvent);
        assertThat(store.pending).isEmpty();
        assertThat(fetcher.calls).as("a fax taken before is not fetched again").isEqualTo(1);
    }

    @Test
    void theSweeperPublishesWhatTheBrokerDidNotAcknowledge() throws Exception {
        broker.down = true;
        assertThatThrownBy(() -> ingest.receive(new InboundFax("twilio", "FX2", SENDER, FAX_NUMBER, "1"), "https://media.example/FX2"))
                .isInstanceOf(UnavailableException.class);
        assertThat(ingest.publishPending(NOW.plusSeconds(60))).isZero();
        broker.down = false;
        assertThat(ingest.publishPending(NOW.plusSeconds(60))).isEqualTo(1);
        assertThat(broker.published).hasSize(1);
        assertThat(store.pending).isEmpty();
    }

    /** Right after a start the provider is told to come back (503), not that the number is unknown (404, which it would not retry). */
    @Test
    void beforeTheTenantsConfigurationIsReadAFaxIsUnavailableNotUnknown() throws Exception {
        configurationRead = false;
        assertThatThrownBy(() -> ingest.receive(new InboundFax("twilio", "FX9", SENDER, FAX_NUMBER, "1"), "https://media.example/FX9"))
                .isInstanceOf(UnavailableException.class).hasMessageContaining("still loading");
        assertThat(fetcher.calls).isZero();
        assertThat(store.faxes).isEmpty();
        configurationRead = true;
        assertThat(ingest.receive(new InboundFax("twilio", "FX9", SENDER, FAX_NUMBER, "1"), "https://media.example/FX9").kind())
                .isEqualTo(IngestOutcome.Kind.ACCEPTED);
        assertThatThrownBy(() -> ingest.receive(new InboundFax("twilio", "FX10", SENDER, "+442079460000", "1"), "https://media.example/FX10"))
                .as("a number no tenant has, once the configuration is read").isInstanceOf(UnknownNumberException.class);
    }

    @Test
    void aRefusedDocumentStoresAndPublishesNothing() {
        fetcher.document = "not a fax".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ingest.receive(new InboundFax("twilio", "FX3", SENDER, FAX_NUMBER, "1"), "https://media.example/FX3"))
                .isInstanceOf(InvalidFaxException.class).extracting("field").isEqualTo("document");
        assertThat(store.faxes).isEmpty();
        assertThat(broker.published).isEmpty();
    }

    @Test
    void aNationalSenderIsReadInTheTenantsRegion() throws Exception {
        ingest.receive(new InboundFax("twilio", "FX4", "07911 123456", FAX_NUMBER, "1"), "https://media.example/FX4");
        assertThat(store.faxes.get(0).fromNumber()).isEqualTo(SENDER);
    }

    @Test
    void onlyTheConfiguredMediaHostsAreFetched() {
        for (String url : List.of("https://intranet.local/x.pdf", "file:///etc/passwd", "https://user:pw@media.example/x", "::")) {
            assertThatThrownBy(() -> ingest.receive(new InboundFax("twilio", "FX-" + url.hashCode(), SENDER, FAX_NUMBER, "1"), url))
                    .as(url).isInstanceOf(InvalidFaxException.class).extracting("field").isEqualTo("MediaUrl");
        }
        assertThat(fetcher.calls).isZero();
    }

    @Test
    void theTitleCountsPages() {
        assertThat(FaxIngest.title(SENDER, 1)).isEqualTo("Fax from " + SENDER + ", 1 page");
        assertThat(FaxIngest.title(SENDER, 4)).isEqualTo("Fax from " + SENDER + ", 4 pages");
    }

    private static final class CountingFetcher implements DocumentFetcher {
        byte[] document = FaxDocuments.pdf(1);
        int calls;

        @Override
        public byte[] fetch(String provider, URI url, long maxBytes) {
            calls++;
            return document;
        }
    }

    private static final class FlakyBroker implements EventSink {
        boolean down;
        final List<StoredEvent> published = new ArrayList<>();

        @Override
        public StoredEvent encode(SwitchboardEvent event) {
            return new StoredEvent("switchboard.contacts.v1", event.subject(), event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void publish(List<StoredEvent> events) throws UnavailableException {
            if (down) {
                throw new UnavailableException("the broker did not acknowledge");
            }
            published.addAll(events);
        }
    }

    private static final class MemoryStore implements FaxStore {
        final List<FaxRecord> faxes = new ArrayList<>();
        final Set<UUID> pending = new java.util.HashSet<>();
        final Map<UUID, List<StoredEvent>> events = new LinkedHashMap<>();

        @Override
        public Optional<KnownFax> find(String provider, String providerFaxId) {
            return faxes.stream().filter(f -> f.provider().equals(provider) && f.providerFaxId().equals(providerFaxId)).findFirst()
                    .map(f -> new KnownFax(f.id(), f.contactId(), pending.contains(f.id())));
        }

        @Override
        public void save(FaxRecord fax, CheckedDocument document, List<StoredEvent> stored) {
            faxes.add(fax);
            pending.add(fax.id());
            events.put(fax.id(), stored);
        }

        @Override
        public List<StoredEvent> events(UUID faxId) {
            return events.getOrDefault(faxId, List.of());
        }

        @Override
        public void markPublished(UUID faxId) {
            pending.remove(faxId);
            events.remove(faxId);
        }

        @Override
        public List<UUID> pendingBefore(Instant before, int limit) {
            return faxes.stream().filter(f -> pending.contains(f.id()) && f.receivedAt().isBefore(before)).map(FaxRecord::id).limit(limit)
                    .toList();
        }

        @Override
        public Optional<FaxView> faxFor(Reader reader, UUID id) {
            return Optional.empty();
        }

        @Override
        public Optional<FaxFile> documentFor(Reader reader, UUID id) {
            return Optional.empty();
        }

        @Override
        public Optional<FaxFile> thumbnailFor(Reader reader, UUID id) {
            return Optional.empty();
        }

        @Override
        public void recordHandler(String contactId, String tenantId, String agentId, Instant at) {
        }
    }
}
