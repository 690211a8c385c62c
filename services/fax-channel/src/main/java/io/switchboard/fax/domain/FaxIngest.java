package io.switchboard.fax.domain;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.switchboard.events.AttachmentRef;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.Direction;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.AddressKind;
import io.switchboard.events.address.InvalidAddressException;

/**
 * Turns one received fax into a contact: find the tenant by the number faxed, recognise a provider's
 * retry, fetch the document (webhooks) or take it as delivered (the mail gateway), check that it really
 * is a PDF or TIFF, store fax, document, thumbnail and the contact.created in one transaction, publish,
 * and only then report success. A fax seen before is never published twice; if its event was stored
 * but not acknowledged, it is published again with the same id.
 */
public class FaxIngest {

    public static final URI SOURCE = URI.create("/channels/fax");
    private static final System.Logger LOG = System.getLogger(FaxIngest.class.getName());

    private final FaxStore store;
    private final EventSink events;
    private final NumberDirectory directory;
    private final DocumentFetcher fetcher;
    private final DocumentCheck check;
    private final FaxRules rules;
    private final Clock clock;

    public FaxIngest(FaxStore store, EventSink events, NumberDirectory directory, DocumentFetcher fetcher, DocumentCheck check,
            FaxRules rules, Clock clock) {
        this.store = store;
        this.events = events;
        this.directory = directory;
        this.fetcher = fetcher;
        this.check = check;
        this.rules = rules;
        this.clock = clock;
    }

    /** A provider's webhook: the document is fetched from {@code mediaUrl}, which must be on a configured provider host. */
    public IngestOutcome receive(InboundFax fax, String mediaUrl)
            throws InvalidFaxException, UnknownNumberException, UnavailableException {
        Prepared prepared = prepare(fax);
        if (prepared.known().isPresent()) {
            return replay(prepared.known().get());
        }
        URI url = mediaUri(mediaUrl);
        byte[] data;
        try {
            data = fetcher.fetch(fax.provider(), url, rules.maxDocumentBytes());
        } catch (DocumentFetcher.FetchException e) {
            if (e.permanent()) {
                throw new InvalidFaxException("MediaUrl", "the document could not be fetched: " + e.getMessage());
            }
            throw new UnavailableException("the document could not be fetched now: " + e.getMessage());
        }
        return accept(fax, prepared, data);
    }

    /** A gateway delivered the document itself. */
    public IngestOutcome receive(InboundFax fax, byte[] document)
            throws InvalidFaxException, UnknownNumberException, UnavailableException {
        Prepared prepared = prepare(fax);
        if (prepared.known().isPresent()) {
            return replay(prepared.known().get());
        }
        if (document.length > rules.maxDocumentBytes()) {
            throw new InvalidFaxException("document", "the document has " + document.length + " bytes; at most "
                    + rules.maxDocumentBytes() + " are accepted");
        }
        return accept(fax, prepared, document);
    }

    /** Publishes what was stored but never acknowledged (the provider went away, or the service died). */
    public int publishPending(Instant storedBefore) throws StoreException {
        int published = 0;
        for (UUID id : store.pendingBefore(storedBefore, 100)) {
            try {
                publish(id, store.events(id));
                published++;
            } catch (UnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "pending fax {0} still not published: {1}", id, e.getMessage());
                break;
            }
        }
        return published;
    }

    private record Prepared(FaxRoute route, Address from, Optional<KnownFax> known) {
    }

    private Prepared prepare(InboundFax fax) throws InvalidFaxException, UnknownNumberException, UnavailableException {
        if (fax.providerFaxId() == null || fax.providerFaxId().isBlank()) {
            throw new InvalidFaxException("FaxSid", "the provider's fax id is missing");
        }
        String to = phone(fax.to(), null, "To").value();
        Optional<FaxRoute> found = directory.route(to);
        if (found.isEmpty() && !directory.loaded()) {
            // Right after a start: a 404 now would be final for the provider, a 503 is retried once the number is known.
            throw new UnavailableException(to + " is not known yet: the tenants' configuration is still loading");
        }
        FaxRoute route = found.orElseThrow(() -> new UnknownNumberException(to + " is not a fax number of any tenant"));
        Address from = phone(fax.from(), route.defaultRegion(), "From");
        try {
            return new Prepared(route, from, store.find(fax.provider(), fax.providerFaxId()));
        } catch (StoreException e) {
            throw new UnavailableException("the fax store is unavailable", e);
        }
    }

    private IngestOutcome accept(InboundFax fax, Prepared prepared, byte[] data) throws InvalidFaxException, UnavailableException {
        CheckedDocument document;
        try {
            document = check.check(data);
        } catch (InvalidDocumentException e) {
            throw new InvalidFaxException("document", e.getMessage());
        }
        Instant now = clock.instant();
        UUID faxId = UUID.randomUUID();
        String contactId = UUID.randomUUID().toString();
        FaxRoute route = prepared.route();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("faxId", faxId.toString());
        metadata.put("provider", fax.provider());
        metadata.put("providerFaxId", fax.providerFaxId());
        metadata.put("pages", Integer.toString(document.pages()));
        metadata.put("thumbnail", rules.thumbnailUrl(faxId.toString()));
        AttachmentRef attachment = new AttachmentRef(faxId.toString(), "fax-" + faxId + document.kind().extension(),
                document.kind().contentType(), data.length, URI.create(rules.documentUrl(faxId.toString())));
        ContactCreated created = new ContactCreated(UUID.randomUUID(), route.tenantId(), now, contactId, Channel.FAX, Direction.INBOUND,
                route.number(), prepared.from(), new Address(AddressKind.PHONE, route.number(), null), Map.of(),
                title(prepared.from().value(), document.pages()), null, List.of(attachment), null, 0, metadata);
        List<StoredEvent> stored = List.of(events.encode(created));
        FaxRecord record = new FaxRecord(faxId, route.tenantId(), fax.provider(), fax.providerFaxId(), contactId,
                prepared.from().value(), route.number(), document.pages(), document.kind(), data.length, now);
        try {
            store.save(record, document, stored);
        } catch (DuplicateException raced) {
            try {
                return replay(store.find(fax.provider(), fax.providerFaxId()).orElseThrow());
            } catch (StoreException e) {
                throw new UnavailableException("the fax store is unavailable", e);
            }
        } catch (StoreException e) {
            throw new UnavailableException("the fax store is unavailable", e);
        }
        publish(faxId, stored);
        return new IngestOutcome(IngestOutcome.Kind.ACCEPTED, faxId.toString(), contactId);
    }

    static String title(String from, int pages) {
        return "Fax from " + from + ", " + pages + (pages == 1 ? " page" : " pages");
    }

    private IngestOutcome replay(KnownFax known) throws UnavailableException {
        if (known.pending()) {
            try {
                publish(known.id(), store.events(known.id()));
            } catch (StoreException e) {
                throw new UnavailableException("the fax store is unavailable", e);
            }
        }
        return new IngestOutcome(IngestOutcome.Kind.DUPLICATE, known.id().toString(), known.contactId());
    }

    private void publish(UUID faxId, List<StoredEvent> stored) throws UnavailableException {
        events.publish(stored);
        try {
            store.markPublished(faxId);
        } catch (StoreException e) {
            // the sweeper publishes the same event (same id) again later: harmless
            LOG.log(System.Logger.Level.WARNING, "fax {0} published but not marked: {1}", faxId, e.getMessage());
        }
    }

    private URI mediaUri(String mediaUrl) throws InvalidFaxException {
        if (mediaUrl == null || mediaUrl.isBlank()) {
            throw new InvalidFaxException("MediaUrl", "MediaUrl is missing");
        }
        URI uri;
        try {
            uri = new URI(mediaUrl.strip());
        } catch (java.net.URISyntaxException e) {
            throw new InvalidFaxException("MediaUrl", "MediaUrl is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidFaxException("MediaUrl", "MediaUrl must be an http(s) URL");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (uri.getUserInfo() != null || !rules.mediaHosts().contains(host)) {
            throw new InvalidFaxException("MediaUrl", "MediaUrl's host " + host + " is not a configured provider media host");
        }
        return uri;
    }

    /**
     * A number as E.164. A sender that is no valid number (withheld, "anonymous", a station id) is
     * refused: the contact needs a number the agent can call back and customer360 can resolve.
     */
    static Address phone(String raw, String region, String field) throws InvalidFaxException {
        if (raw == null || raw.isBlank()) {
            throw new InvalidFaxException(field, field + " is missing");
        }
        try {
            return Address.phone(raw, region);
        } catch (InvalidAddressException e) {
            throw new InvalidFaxException(field, field + ": " + e.getMessage());
        }
    }
}
