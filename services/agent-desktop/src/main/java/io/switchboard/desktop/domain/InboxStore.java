package io.switchboard.desktop.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The inbox's read model, the port {@code persistence} implements: contacts, their threads, agents,
 * queues, tenants and wrap-ups. Writes are idempotent, so a redelivered event changes nothing; an
 * ENDED contact is never reopened by a late event. A store that fails throws {@link StoreException}.
 */
public interface InboxStore {

    /** What the channel told about a new contact; fills what is unknown, never moves its status. {@code details} may be null. */
    void contactCreated(String contactId, String tenantId, String channel, String platform, String direction,
            String subject, String customerKind, String customerValue, String customerName, ContactDetails details, Instant at);

    /** Whether the agent holds a voice call that has not ended: they are on the phone. */
    boolean holdsOpenCall(String agentId);

    /** Routing moved the contact; {@code status} is applied unless the contact already ended. */
    void routed(String contactId, String tenantId, String channel, ContactStatus status, String queueId, String agentId,
            String offerId, String offeredAgentId, Instant offerExpiresAt, Instant at);

    /** An offer that was declined, timed out or withdrawn: the contact waits in its queue again. */
    void offerEnded(String contactId, String offerId, Instant at);

    /** The contact is over: ENDED, with the reason and disposition; the agent who held it owes its wrap-up. */
    void ended(String contactId, String tenantId, String reason, String disposition, Instant at);

    /** The holder read the thread up to {@code at}. */
    void markRead(String contactId, Instant at);

    /** One contact as the inbox lists it. */
    Optional<ContactSummary> contact(String contactId);

    /** The agent's inbox: contacts they hold and offers to them that have not expired. */
    List<ContactSummary> inbox(String agentId, Set<String> tenants, Instant now);

    /** Every contact of the tenants that has not ended, for supervisors. */
    List<ContactSummary> active(Set<String> tenants);

    /** The contact with its whole thread and its wrap-up. */
    Optional<Conversation> conversation(String contactId);

    /** The customer rated the contact; the first rating is kept. */
    void surveyAnswered(String contactId, String tenantId, Survey survey);

    /** A supervisor's note on a conversation, stored once. */
    void noteAdded(SupervisorNote note, String tenantId);

    /** How the channel named the contact's customer (kind, value and social platform), without reading the thread. */
    Optional<CustomerAddress> customerAddress(String contactId);

    /** One message of a thread. */
    Optional<ThreadMessage> message(String messageId);

    /** An agent's reply on the contact, by its message id (empty for another contact's message or an inbound one). */
    Optional<ThreadMessage> reply(String contactId, String messageId);

    void messageReceived(String messageId, String contactId, String tenantId, String text, int attachments, Instant at);

    /** An agent's reply the desktop asked the channel to deliver. */
    void replyRequested(String messageId, String contactId, String tenantId, String agentId, String text, Instant at);

    /** The channel's answer to a reply (or a reply sent by another tool): SENT or FAILED, with the reason. */
    void replyOutcome(String messageId, String contactId, String tenantId, String agentId, String text, Instant at,
            String status, String failure);

    /**
     * What the provider reported about a reply; kept only when it got further than what was known
     * ({@code rank}), so a late "sent" never hides "delivered". Returns whether it changed the message.
     */
    boolean delivery(String messageId, String contactId, String status, int rank, String reason);

    void agentConfigured(String agentId, String name, List<String> tenants, Map<String, Integer> skills, boolean active);

    void presence(String agentId, String state, String reason, Instant since, Instant wrapUpEndsAt);

    Optional<String> presenceOf(String agentId);

    /** The tenants an agent serves, from their configuration (empty when unknown). */
    Set<String> tenantsOf(String agentId);

    /** Agents who serve any of the tenants, with their presence and how many contacts they hold. */
    List<AgentView> agents(Set<String> tenants);

    /** One active agent as supervisors see them. */
    Optional<AgentView> agent(String agentId);

    /** A queue's configuration replaces what was known of it, unless an older one arrives late. */
    void queueConfigured(QueueSettings queue, Instant at);

    /** What the tenant's queue asks of its agents (wrap-up time, dispositions, canned responses); empty when unknown. */
    Optional<QueueSettings> queueSettings(String tenantId, String queueId);

    /** The contacts that ended while the agent held them, in the tenants they serve, and that they have not wrapped up. */
    List<ContactSummary> wrapUpsDue(String agentId, Set<String> tenants);

    /** The agent who held the contact when it ended, who owes its wrap-up. */
    Optional<String> wrapUpAgent(String contactId);

    /** When the agent's wrap-up time ends, while routing has them in WRAP_UP. */
    Optional<Instant> wrapUpEndsAt(String agentId);

    /**
     * Claims the contact's wrap-up before its event is published: false when it is already wrapped up,
     * or another attempt holds a claim younger than {@code staleBefore}.
     */
    boolean claimWrapUp(WrapUp wrapUp, Instant staleBefore);

    /** Gives up a claim whose event could not be published, so the agent can try again. */
    void releaseWrapUp(String contactId, Instant claimedAt);

    /**
     * The wrap-up is on Kafka (acknowledged, or read back from the agents topic): it becomes the
     * contact's record and its disposition. Idempotent; the first published record stays.
     */
    void wrapUpCompleted(WrapUp wrapUp);

    /** The contact's completed wrap-up. */
    Optional<WrapUp> wrapUp(String contactId);

    void queueStats(String tenantId, String queueId, int waiting, Long oldest, int available, long offered, long answered,
            long abandoned, Double serviceLevel, Instant at);

    List<QueueView> queues(Set<String> tenants);

    /** A tenant's configuration replaces what was known of it, unless an older one arrives late. */
    void tenantConfigured(String tenantId, String name, String region, List<String> voiceNumbers, Instant at);

    Optional<DialPlan> dialPlan(String tenantId);

    /** The dial plans of the tenants whose configuration arrived, by tenant id. */
    List<DialPlan> dialPlans(Set<String> tenants);
}
