package io.switchboard.sms.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the channel's state (PostgreSQL schema {@code sms}). Each method is one short transaction. */
public interface SmsStore {

    Optional<KnownInbound> findInbound(String provider, String providerMessageId) throws StoreException;

    /** The customer's latest conversation with that number that has not ended. */
    Optional<Conversation> openConversation(String tenantId, String customerNumber, String entryNumber) throws StoreException;

    Optional<Conversation> conversation(String contactId) throws StoreException;

    /**
     * Stores an inbound text in one transaction: the new conversation (or the existing one's latest
     * activity), the text, its files, a consent change and the events still to publish.
     */
    void saveInbound(Optional<Conversation> created, InboundRecord sms, List<StoredMedia> media, Optional<OptOut> consent,
            List<StoredEvent> events) throws StoreException, DuplicateException;

    /** Records that the survey of an ended contact is being asked; false when it was asked before. */
    boolean surveyAsked(PendingSurvey survey) throws StoreException;

    /** The latest unanswered survey texted to the customer from that number since {@code since}. */
    Optional<PendingSurvey> pendingSurvey(String tenantId, String customerNumber, String entryNumber, Instant since) throws StoreException;

    /**
     * Stores an inbound text that answers a survey, in one transaction: claims the survey (false, and
     * nothing stored, when another text answered it first), the text and the events still to publish.
     */
    boolean saveSurveyAnswer(String contactId, InboundRecord sms, List<StoredEvent> events) throws StoreException, DuplicateException;

    List<StoredEvent> events(UUID smsId) throws StoreException;

    void markPublished(UUID smsId) throws StoreException;

    List<UUID> pendingBefore(Instant before, int limit) throws StoreException;

    boolean markEnded(String contactId, Instant at) throws StoreException;

    Optional<OptOut> consent(String tenantId, String number) throws StoreException;

    List<OptOut> optedOut(String tenantId) throws StoreException;

    Optional<OutboundRecord> outbound(String requestId) throws StoreException;

    Optional<OutboundRecord> outboundByProviderId(String provider, String providerMessageId) throws StoreException;

    void saveOutbound(OutboundRecord outbound) throws StoreException;

    /** Keeps the furthest delivery status; false when the new one ranks lower than the stored one. */
    boolean updateDelivery(String requestId, String status, int rank) throws StoreException;

    Optional<MediaContent> media(UUID id) throws StoreException;
}
