package io.switchboard.social.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.switchboard.events.address.SocialAccount;
import io.switchboard.events.address.SocialPlatform;

/** Port: the channel's state (PostgreSQL schema {@code social}). */
public interface SocialStore {

    /** A message seen before: its id, its contact, and whether Kafka acknowledged its events. */
    record KnownInbound(UUID id, String contactId, boolean published) {
    }

    /** Makes the events of a message once its conversation is known (new or continued). */
    @FunctionalInterface
    interface EventsFor {
        List<StoredEvent> events(Conversation conversation, boolean newContact);
    }

    /** Thrown by {@link #saveInbound} when another delivery of the same message got there first. */
    class DuplicateException extends Exception {
        public DuplicateException() {
            super("already stored");
        }
    }

    /** A stored file as served to agents. */
    record Attachment(String tenantId, String filename, String contentType, byte[] data) {
    }

    Optional<KnownInbound> findInbound(SocialPlatform platform, String providerMessageId) throws StoreException;

    /**
     * In one transaction: the customer's open conversation on the account (opened when there is none),
     * its last-inbound time moved forward, the message, its files and its events (pending).
     */
    Conversation saveInbound(NewInbound inbound, EventsFor events) throws StoreException, DuplicateException;

    List<StoredEvent> events(UUID inboundId) throws StoreException;

    /**
     * Records that Kafka acknowledged the message's events. May be applied a moment later in a batch:
     * until then the sweeper may publish the same events again, with the same ids.
     */
    void markPublished(UUID inboundId) throws StoreException;

    List<UUID> pendingBefore(Instant storedBefore, int limit) throws StoreException;

    Optional<Conversation> conversation(String contactId) throws StoreException;

    void markEnded(String contactId, Instant at) throws StoreException;

    Optional<OutboundRecord> outbound(String messageId) throws StoreException;

    void saveOutbound(OutboundRecord record) throws StoreException;

    Optional<OutboundRecord> outboundByProviderId(SocialAccount account, String providerMessageId) throws StoreException;

    /** Replies sent to a customer on an account up to a moment (a read watermark), newest first, at most 20. */
    List<OutboundRecord> sentUpTo(SocialAccount account, String recipientId, Instant upTo) throws StoreException;

    Optional<Attachment> attachment(UUID id) throws StoreException;
}
