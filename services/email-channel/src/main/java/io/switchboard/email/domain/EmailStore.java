package io.switchboard.email.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** The channel's mail state (the port {@code persistence} implements). */
public interface EmailStore {

    // --- inbound ---

    /**
     * Takes one inbound message in one call and one transaction: what the store already holds for its
     * Message-ID (then nothing is written), else the threads it may continue, then whatever
     * {@code decision} makes of them, stored whole: the new thread, the message, its Message-ID in the
     * thread, its files and its events.
     *
     * @throws DuplicateMessageException when another delivery of the same Message-ID committed first
     */
    Ingested ingest(Lookup lookup, Decision decision) throws StoreException, DuplicateMessageException;

    /**
     * What to look up for a message: its tenant and Message-ID, the Message-IDs it answers (newest
     * first) and the subject token it carries. An auto-reply passes no references and no token.
     */
    record Lookup(String tenantId, String messageId, List<String> references, OptionalLong token) {
    }

    /** The thread the references point at (the first one known), else the thread of the token, if any. */
    record Candidates(Optional<EmailThread> byReference, Optional<EmailThread> byToken) {
    }

    /** A new thread's token, drawn only when one is needed. */
    @FunctionalInterface
    interface Tokens {
        long next() throws StoreException;
    }

    /** The domain's ruling on a message the store does not hold yet. */
    @FunctionalInterface
    interface Decision {
        NewMessage decide(Candidates candidates, Tokens tokens) throws StoreException;
    }

    /** What to store for a message: a thread when it opens one, the message, its files and its events to publish. */
    record NewMessage(Optional<EmailThread> newThread, InboundRecord record, List<StoredAttachment> files,
            List<StoredEvent> events) {
    }

    /** Either the message as the store already held it, or what was stored now. */
    record Ingested(Optional<KnownInbound> known, NewMessage stored) {

        public static Ingested known(KnownInbound known) {
            return new Ingested(Optional.of(known), null);
        }

        public static Ingested stored(NewMessage stored) {
            return new Ingested(Optional.empty(), stored);
        }
    }

    Optional<KnownInbound> findInbound(String tenantId, String messageId) throws StoreException;

    List<StoredEvent> events(UUID emailId) throws StoreException;

    /** The broker has the message's events: they are no longer needed here. */
    void markPublished(UUID emailId) throws StoreException;

    /** Messages stored before {@code before} whose events the broker has not acknowledged. */
    List<UUID> pendingBefore(Instant before, int limit) throws StoreException;

    /** The contact ended: later mail from the customer opens a new one. */
    boolean markEnded(String contactId, Instant at) throws StoreException;

    /** Remembers that routing offered or assigned the contact to the agent (once per contact and agent). */
    void recordHandler(String contactId, String tenantId, String agentId, Instant at) throws StoreException;

    // --- outbound ---

    Optional<EmailThread> thread(String tenantId, String contactId) throws StoreException;

    /** The contact's survey token: {@code candidate} on its first call, the stored one after. */
    String surveyToken(String tenantId, String contactId, String candidate, Instant createdAt, Instant expiresAt) throws StoreException;

    Optional<SurveyLink> survey(String token) throws StoreException;

    /** Claims the survey's one answer; false when it was answered already. */
    boolean claimSurvey(String token, Instant at) throws StoreException;

    /** Gives a claim up (its event was not acknowledged), so the customer can answer again. */
    void releaseSurvey(String token) throws StoreException;

    /** The Message-IDs of a thread, oldest first (the References of a reply). */
    List<String> threadMessageIds(String contactId) throws StoreException;

    /** The customer's latest message in a thread, which a reply answers. */
    Optional<String> latestInboundMessageId(String contactId) throws StoreException;

    Optional<OutboundRecord> outbound(String requestId) throws StoreException;

    /** Records a reply's outcome; a sent reply's Message-ID joins its thread (when it has one). */
    void saveOutbound(OutboundRecord outbound) throws StoreException;

    Optional<AttachmentContent> attachment(String tenantId, UUID id) throws StoreException;

    // --- what readers may see: decided in each query (tenant, then supervisor or handler) ---

    /** Every message of a thread, inbound and outbound, oldest first; empty when the reader may not see it. */
    Optional<List<EmailView>> threadFor(Reader reader, String contactId) throws StoreException;

    Optional<EmailView> inboundFor(Reader reader, UUID id) throws StoreException;

    Optional<AttachmentContent> attachmentFor(Reader reader, UUID id) throws StoreException;
}
