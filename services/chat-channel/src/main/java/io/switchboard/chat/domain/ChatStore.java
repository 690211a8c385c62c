package io.switchboard.chat.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The chat's state: conversations, their lines, and who was offered or given each contact (the port {@code persistence} implements). */
public interface ChatStore {

    void create(Conversation conversation) throws StoreException;

    Optional<Conversation> conversation(String contactId) throws StoreException;

    /**
     * Stores the customer's message once (keyed by the widget's id) and returns what is stored: when it
     * was first written and whether Kafka already has it, so a resend is answered without publishing again.
     */
    StoredMessage addCustomerMessage(String contactId, UUID id, String clientMessageId, String text, Instant at)
            throws StoreException;

    record StoredMessage(Instant sentAt, boolean published) {
    }

    /** Kafka has the message (and, with the first one, the contact). */
    void markPublished(String contactId, UUID messageId, boolean contactCreated) throws StoreException;

    /** An agent's reply, once per reply request id; false when it was stored before. */
    boolean addAgentMessage(String contactId, UUID id, String agentId, String text, Instant at) throws StoreException;

    List<ChatLine> transcript(String contactId) throws StoreException;

    /**
     * The transcript of a conversation the reader may see, decided in the query itself: one of the
     * reader's tenants, and, unless they supervise, a contact offered or assigned to them (now or before).
     * Empty when there is no such conversation for them.
     */
    Optional<List<ChatLine>> transcriptFor(Reader reader, String contactId) throws StoreException;

    void assign(String contactId, String agentId) throws StoreException;

    /** Remembers that routing offered or assigned the contact to the agent (once per contact and agent). */
    void recordHandler(String contactId, String tenantId, String agentId, Instant at) throws StoreException;

    void connected(String contactId, boolean connected, Instant at) throws StoreException;

    /** Claims the conversation's one rating; false when it was rated already. */
    boolean claimRating(String contactId, Instant at) throws StoreException;

    /** Gives a rating claim up (its publication failed), so the customer can try again. */
    void releaseRating(String contactId) throws StoreException;

    /** Ends a conversation once; false when it had ended already. */
    boolean end(String contactId, String reason, Instant at) throws StoreException;

    /** Contacts whose customer left before any agent took them, gone since before {@code before}. */
    List<Conversation> abandonedBefore(Instant before) throws StoreException;
}
