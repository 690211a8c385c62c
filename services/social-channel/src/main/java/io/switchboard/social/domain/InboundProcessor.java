package io.switchboard.social.domain;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.switchboard.events.AttachmentRef;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.ContactMessageStatusChanged;
import io.switchboard.events.Direction;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.events.address.SocialPlatform;

/**
 * Turns what a webhook carried into contact events. Each message is looked up by its account (an
 * unknown account is logged and skipped), stored with its files and its events in one transaction,
 * published, and only then counted; the webhook is answered 200 after every message of the call is
 * acknowledged by Kafka. A message id seen before publishes nothing new (or, when its events were
 * stored but never acknowledged, the stored events with their original ids).
 */
public class InboundProcessor {

    private static final System.Logger LOG = System.getLogger(InboundProcessor.class.getName());

    private final AccountDirectory directory;
    private final SocialStore store;
    private final EventPublisher publisher;
    private final PlatformGateway platforms;
    private final Clock clock;
    private final String publicUrl;
    private final int maxMediaBytes;
    private final Duration publishTimeout;

    /** What one webhook call came to. */
    public record Outcome(int accepted, int duplicates, int skipped, int statuses) {
    }

    public InboundProcessor(AccountDirectory directory, SocialStore store, EventPublisher publisher, PlatformGateway platforms,
            Clock clock, String publicUrl, int maxMediaBytes, Duration publishTimeout) {
        this.directory = directory;
        this.store = store;
        this.publisher = publisher;
        this.platforms = platforms;
        this.clock = clock;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.maxMediaBytes = maxMediaBytes;
        this.publishTimeout = publishTimeout;
    }

    public Outcome accept(WebhookBatch batch) throws UnavailableException {
        if (!directory.loaded()) {
            throw new UnavailableException("the tenants' configuration has not been read yet", null);
        }
        batch.skipped().forEach(reason -> LOG.log(Level.INFO, "webhook part skipped: {0}", reason));
        int accepted = 0;
        int duplicates = 0;
        int skipped = batch.skipped().size();
        int statuses = 0;
        try {
            for (InboundMessage message : batch.messages()) {
                Optional<Route> route = directory.lookup(message.account());
                if (route.isEmpty()) {
                    LOG.log(Level.WARNING, "message {0} for {1}, which is no tenant's entry point: skipped",
                            message.providerMessageId(), message.account().address());
                    skipped++;
                    continue;
                }
                switch (ingest(route.get(), message)) {
                    case ACCEPTED -> accepted++;
                    case DUPLICATE -> duplicates++;
                    case SKIPPED -> skipped++;
                }
            }
            for (StatusReport report : batch.statuses()) {
                statuses += status(report);
            }
        } catch (StoreException | RuntimeException e) {
            throw new UnavailableException("the message could not be stored or published: " + e.getMessage(), e);
        }
        return new Outcome(accepted, duplicates, skipped, statuses);
    }

    /** Publishes messages stored but never acknowledged (the platform went away, or the service died). */
    public int publishPending(Instant storedBefore) throws StoreException {
        int published = 0;
        for (UUID id : store.pendingBefore(storedBefore, 100)) {
            publisher.publish(store.events(id), publishTimeout);
            store.markPublished(id);
            published++;
        }
        return published;
    }

    private enum Result { ACCEPTED, DUPLICATE, SKIPPED }

    private Result ingest(Route route, InboundMessage message) throws StoreException {
        SocialPlatform platform = message.account().platform();
        // A redelivery is caught by the store's unique key; look first only when media would be fetched for nothing.
        if (!message.media().isEmpty()) {
            Optional<SocialStore.KnownInbound> known = store.findInbound(platform, message.providerMessageId());
            if (known.isPresent()) {
                replay(known.get());
                return Result.DUPLICATE;
            }
        }
        Address from;
        try {
            from = Address.social(platform, message.senderId());
        } catch (InvalidAddressException e) {
            LOG.log(Level.WARNING, "message {0}: {1}; skipped", message.providerMessageId(), e.getMessage());
            return Result.SKIPPED;
        }
        UUID id = UUID.randomUUID();
        List<StoredFile> files = new ArrayList<>();
        List<AttachmentRef> refs = new ArrayList<>();
        List<String> omitted = new ArrayList<>();
        for (InboundMessage.MediaItem item : message.media()) {
            try {
                PlatformGateway.Media media = platforms.fetch(message.account(), item, maxMediaBytes);
                UUID fileId = UUID.randomUUID();
                String filename = media.filename() != null ? media.filename() : item.filename();
                files.add(new StoredFile(fileId, route.tenantId(), filename, media.contentType(), media.data()));
                refs.add(new AttachmentRef(fileId.toString(), filename, media.contentType(), media.data().length,
                        URI.create(publicUrl + "/api/social/attachments/" + fileId)));
            } catch (PlatformGateway.TooLargeException e) {
                omitted.add(describe(item) + " (" + e.getMessage() + ")");
            } catch (PlatformException e) {
                omitted.add(describe(item) + " (not fetched: " + e.getMessage() + ")");
            }
        }
        Instant now = clock.instant();
        NewInbound inbound = new NewInbound(id, route.tenantId(), message, files, now);
        Conversation conversation;
        List<List<StoredEvent>> made = new ArrayList<>(1);
        try {
            conversation = store.saveInbound(inbound, (c, created) -> {
                List<StoredEvent> events = events(route, message, from, c, created, id, refs, omitted, now);
                made.add(events);
                return events;
            });
        } catch (SocialStore.DuplicateException seen) {
            replay(store.findInbound(platform, message.providerMessageId()).orElseThrow());
            return Result.DUPLICATE;
        }
        publisher.publish(made.get(made.size() - 1), publishTimeout);
        store.markPublished(id);
        LOG.log(Level.DEBUG, "message {0} on {1} → contact {2}", message.providerMessageId(), message.account().address(),
                conversation.contactId());
        return Result.ACCEPTED;
    }

    private void replay(SocialStore.KnownInbound known) throws StoreException {
        if (!known.published()) {
            publisher.publish(store.events(known.id()), publishTimeout);
            store.markPublished(known.id());
        }
    }

    private List<StoredEvent> events(Route route, InboundMessage message, Address from, Conversation conversation,
            boolean newContact, UUID id, List<AttachmentRef> refs, List<String> omitted, Instant now) {
        SocialPlatform platform = message.account().platform();
        Map<String, String> metadata = new LinkedHashMap<>(message.metadata());
        metadata.put("platform", platform.name());
        metadata.put("providerMessageId", message.providerMessageId());
        metadata.put("kind", message.kind());
        metadata.put("sentAt", message.sentAt().toString());
        if (!omitted.isEmpty()) {
            metadata.put("attachmentsOmitted", String.join("; ", omitted));
        }
        List<ContactEvent> events = new ArrayList<>();
        if (newContact) {
            events.add(new ContactCreated(UUID.randomUUID(), route.tenantId(), now, conversation.contactId(), Channel.SOCIAL,
                    Direction.INBOUND, message.account().address(), from,
                    Address.social(platform, message.account().accountId()), hints(message), null, message.text(), refs, null,
                    0, metadata));
        }
        events.add(new ContactMessageReceived(UUID.randomUUID(), route.tenantId(), now, conversation.contactId(), id.toString(),
                Channel.SOCIAL, from, message.text(), refs, metadata));
        return events.stream().map(publisher::encode).toList();
    }

    /**
     * What customer360 learns of the sender: a WhatsApp id is the customer's own phone number, which
     * WhatsApp verified (strong evidence); every platform's profile name when the payload has one.
     */
    static Map<String, String> hints(InboundMessage message) {
        Map<String, String> hints = new LinkedHashMap<>();
        if (message.account().platform() == SocialPlatform.WHATSAPP) {
            try {
                hints.put("phone", Address.phone("+" + message.senderId(), null).value());
                hints.put("phone.verified", "true");
            } catch (InvalidAddressException notAPhone) {
                LOG.log(Level.INFO, "WhatsApp id {0} is not a valid phone number: no phone hint", message.senderId());
            }
        }
        if (message.senderName() != null && !message.senderName().isBlank()) {
            hints.put("name", message.senderName());
        }
        String username = message.metadata().get("username");
        if (username != null) {
            hints.put(message.account().platform().name().toLowerCase(Locale.ROOT) + ".username", username);
        }
        return hints;
    }

    private int status(StatusReport report) throws StoreException {
        List<OutboundRecord> replies = report.watermark()
                ? store.sentUpTo(report.account(), report.recipientId(), report.at())
                : store.outboundByProviderId(report.account(), report.providerMessageId()).map(List::of).orElse(List.of());
        if (replies.isEmpty()) {
            LOG.log(Level.INFO, "{0} status {1} for {2}, which is no reply sent from here: nothing published",
                    report.account().address(), report.status(), report.watermark() ? "a watermark" : report.providerMessageId());
            return 0;
        }
        List<StoredEvent> events = new ArrayList<>();
        for (OutboundRecord reply : replies) {
            UUID eventId = UUID.nameUUIDFromBytes(("social-status:" + reply.messageId() + ":" + report.status())
                    .getBytes(StandardCharsets.UTF_8));
            events.add(publisher.encode(new ContactMessageStatusChanged(eventId, reply.tenantId(), report.at(), reply.contactId(),
                    reply.messageId(), Channel.SOCIAL, report.status(), report.reason(), report.providerStatus(),
                    Map.of("platform", report.account().platform().name(), "providerMessageId",
                            String.valueOf(reply.providerMessageId())))));
        }
        publisher.publish(events, publishTimeout);
        return events.size();
    }

    private static String describe(InboundMessage.MediaItem item) {
        return item.filename() != null ? item.filename() : item.mimeType() != null ? item.mimeType() : "a file";
    }
}
