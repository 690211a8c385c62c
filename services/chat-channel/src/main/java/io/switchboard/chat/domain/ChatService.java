package io.switchboard.chat.domain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.ContactMessageFailed;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.ContactMessageSent;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.ContactSurveyAnswered;
import io.switchboard.events.ContactTyping;
import io.switchboard.events.Direction;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.service.config.EntryPointRoute;

/**
 * A chat conversation's life: started or resumed by the widget, each customer message stored and
 * published before it is acknowledged (the first one also opens the contact), agents' replies
 * pushed to the customer's sockets, and a customer who left before any agent took the chat ended
 * as an abandon. Event ids derive from the message ids, so a resend publishes nothing new.
 */
@ApplicationScoped
public class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class);
    static final Duration TYPING_EVERY = Duration.ofSeconds(3);
    private static final Duration TYPING_TIMEOUT = Duration.ofSeconds(2);
    public static final String TRANSCRIPT = "transcript";
    private static final String TRANSCRIPT_SENDER = "system:chat-channel";
    private static final int TRANSCRIPTS_PER_CONVERSATION = 3;
    /** The instance that stored a reply and pushed it to its own sockets (metadata of contact.message.sent). */
    static final String PUSHED_BY = "pushedBy";

    private final ChatStore store;
    private final ContactEvents publisher;
    private final CustomerSockets live;
    private final ChatSettings config;
    private final ConversationToken tokens;
    private final String instanceId;
    /** When each conversation last published its customer's typing (nanoTime), to send one per few seconds. */
    private final Map<String, Long> lastTyping = new ConcurrentHashMap<>();
    private final Map<String, Integer> transcripts = new ConcurrentHashMap<>();

    public ChatService(ChatStore store, ContactEvents publisher, CustomerSockets live, ChatSettings config) {
        this.store = store;
        this.publisher = publisher;
        this.live = live;
        this.config = config;
        this.instanceId = config.instanceId();
        this.tokens = new ConversationToken(config.tokenSecret());
    }

    public ChatFrames.Ready start(EntryPointRoute route, String name, String email) throws ChatException {
        Instant now = Instant.now();
        String contactId = UUID.randomUUID().toString();
        String customerEmail = null;
        if (email != null && !email.isBlank()) {
            try {
                customerEmail = Address.email(email).value();
            } catch (InvalidAddressException e) {
                throw new ChatException("bad_email", e.getMessage());
            }
        }
        String customerName = name == null || name.isBlank() ? null : name.strip();
        if (customerName != null && customerName.length() > 200) {
            throw new ChatException("too_large", "a name has at most 200 characters");
        }
        try {
            store.create(new Conversation(contactId, route.tenantId(), route.address(), "v-" + UUID.randomUUID(), customerName,
                    customerEmail, now, false, null, null));
        } catch (StoreException e) {
            throw unavailable(e);
        }
        return new ChatFrames.Ready(token(contactId, route, now), contactId, List.of(), null);
    }

    public ChatFrames.Ready resume(EntryPointRoute route, String token) throws ChatException {
        Instant now = Instant.now();
        ConversationToken.Claims claims = tokens.verify(token, route.address(), now)
                .orElseThrow(() -> new ChatException("bad_token", "the conversation token is not valid here or has expired"));
        try {
            Conversation conversation = store.conversation(claims.contactId()).filter(c -> c.tenantId().equals(route.tenantId()))
                    .orElseThrow(() -> new ChatException("bad_token", "no such conversation"));
            if (!conversation.open()) {
                throw new ChatException("ended", "this conversation has ended; start a new one");
            }
            store.connected(conversation.contactId(), true, now);
            List<ChatFrames.Line> history = new ArrayList<>();
            for (ChatLine line : store.transcript(conversation.contactId())) {
                history.add(new ChatFrames.Line(line.fromCustomer() ? "customer" : "agent", line.text(), line.sentAt()));
            }
            return new ChatFrames.Ready(token(conversation.contactId(), route, now), conversation.contactId(), history,
                    conversation.agentId());
        } catch (StoreException e) {
            throw unavailable(e);
        }
    }

    /** Stores and publishes a customer message; returns once Kafka acknowledged it. */
    public ChatFrames.Ack customerMessage(String contactId, String clientMessageId, String text) throws ChatException {
        if (clientMessageId == null || clientMessageId.isBlank() || clientMessageId.length() > 100) {
            throw new ChatException("bad_frame", "a message needs an id of 1 to 100 characters");
        }
        if (text == null || text.isBlank()) {
            throw new ChatException("bad_frame", "a message needs text");
        }
        if (text.length() > config.maxMessageChars()) {
            throw new ChatException("too_large", "a message has at most " + config.maxMessageChars() + " characters");
        }
        Instant now = Instant.now();
        UUID messageId = uuid("message:" + contactId + ":" + clientMessageId);
        try {
            Conversation conversation = store.conversation(contactId).orElseThrow();
            if (!conversation.open()) {
                throw new ChatException("ended", "this conversation has ended; start a new one");
            }
            ChatStore.StoredMessage stored = store.addCustomerMessage(contactId, messageId, clientMessageId, text, now);
            if (stored.published()) {
                return new ChatFrames.Ack(clientMessageId, messageId.toString());
            }
            Instant at = stored.sentAt();
            List<ContactEvent> events = new ArrayList<>();
            Address from = Address.chatVisitor(conversation.visitorId());
            if (!conversation.contactCreated()) {
                Map<String, String> hints = new LinkedHashMap<>();
                if (conversation.customerName() != null) {
                    hints.put("name", conversation.customerName());
                }
                if (conversation.customerEmail() != null) {
                    hints.put("email", conversation.customerEmail());
                }
                events.add(new ContactCreated(uuid("created:" + contactId), conversation.tenantId(), conversation.startedAt(),
                        contactId, Channel.CHAT, Direction.INBOUND, conversation.widgetId(), from, null, hints, null, text,
                        List.of(), null, 0, Map.of()));
            }
            events.add(new ContactMessageReceived(uuid("received:" + messageId), conversation.tenantId(), at, contactId,
                    messageId.toString(), Channel.CHAT, from, text, List.of(), Map.of()));
            try {
                publish(events);
            } catch (RuntimeException notAcknowledged) {
                throw unavailable(notAcknowledged);
            }
            store.markPublished(contactId, messageId, !conversation.contactCreated());
            return new ChatFrames.Ack(clientMessageId, messageId.toString());
        } catch (StoreException e) {
            throw unavailable(e);
        }
    }

    /**
     * The customer is typing: the agent's inbox is told, at most once per {@link #TYPING_EVERY} per
     * conversation, and only once the contact exists. Best effort: a broker hiccup drops it.
     */
    public void customerTyping(String contactId) {
        long now = System.nanoTime();
        Long last = lastTyping.get(contactId);
        if (last != null && now - last < TYPING_EVERY.toNanos()) {
            return;
        }
        lastTyping.put(contactId, now);
        try {
            Optional<Conversation> conversation = store.conversation(contactId).filter(c -> c.contactCreated() && c.open());
            if (conversation.isPresent()) {
                publisher.publish(List.of(new ContactTyping(UUID.randomUUID(), conversation.get().tenantId(), Instant.now(), contactId,
                        Channel.CHAT, ContactTyping.Party.CUSTOMER, null)), TYPING_TIMEOUT);
            }
        } catch (StoreException | RuntimeException e) {
            LOG.debugf("typing of %s not sent: %s", contactId, e.getMessage());
        }
    }

    /**
     * The customer asks for the transcript by email: the email channel mails it from the tenant's
     * address (a {@code contact.reply.requested} on its outbound topic naming the recipient), and its
     * answer on the contacts topic tells the widget. At most {@link #TRANSCRIPTS_PER_CONVERSATION}.
     */
    public ChatFrames.Notice transcript(EntryPointRoute route, String contactId, String email) throws ChatException {
        try {
            Conversation conversation = store.conversation(contactId).orElseThrow();
            if (!conversation.contactCreated()) {
                throw new ChatException("nothing_to_send", "write a message first");
            }
            String to = email != null && !email.isBlank() ? email : conversation.customerEmail();
            if (to == null) {
                throw new ChatException("bad_email", "give the email address to send the transcript to");
            }
            Address address;
            try {
                address = Address.email(to);
            } catch (InvalidAddressException e) {
                throw new ChatException("bad_email", e.getMessage());
            }
            if (transcripts.merge(contactId, 1, Integer::sum) > TRANSCRIPTS_PER_CONVERSATION) {
                throw new ChatException("rate_limited", "at most " + TRANSCRIPTS_PER_CONVERSATION + " transcripts per conversation");
            }
            String text = Transcript.render(route.tenantName(), conversation, store.transcript(contactId));
            publish(List.of(new ReplyRequested(UUID.randomUUID(), conversation.tenantId(), Instant.now(), contactId,
                    "transcript:" + UUID.randomUUID(), Channel.EMAIL, TRANSCRIPT_SENDER, text, List.of(),
                    Map.of("to", address.value(), "subject", "Your chat with " + route.tenantName(), "kind", TRANSCRIPT))));
            return new ChatFrames.Notice("transcript_requested", null);
        } catch (StoreException e) {
            throw unavailable(e);
        }
    }

    /**
     * The customer rates the chat once it has ended (the widget's card after {@code chat_ended}): a
     * score of 1 to 5 and an optional comment become {@code contact.survey.answered}, once per chat.
     * The rating is claimed first and given up again when Kafka does not acknowledge the event.
     */
    public ChatFrames.Notice rate(String contactId, Integer score, String comment) throws ChatException {
        if (score == null || score < ContactSurveyAnswered.MIN_SCORE || score > ContactSurveyAnswered.MAX_SCORE) {
            throw new ChatException("bad_score", "a rating is a score from 1 to 5");
        }
        if (comment != null && comment.strip().length() > ContactSurveyAnswered.MAX_COMMENT_CHARS) {
            throw new ChatException("too_large", "a comment has at most " + ContactSurveyAnswered.MAX_COMMENT_CHARS + " characters");
        }
        try {
            Conversation conversation = store.conversation(contactId).orElseThrow();
            if (!conversation.contactCreated()) {
                throw new ChatException("nothing_to_rate", "write a message first");
            }
            if (conversation.open()) {
                throw new ChatException("not_ended", "the chat can be rated once it has ended");
            }
            Instant now = Instant.now();
            if (!store.claimRating(contactId, now)) {
                throw new ChatException("already_rated", "this chat has been rated already; thank you");
            }
            try {
                publish(List.of(new ContactSurveyAnswered(uuid("survey:" + contactId), conversation.tenantId(), now, contactId,
                        Channel.CHAT, score, comment)));
            } catch (RuntimeException notAcknowledged) {
                store.releaseRating(contactId);
                throw unavailable(notAcknowledged);
            }
            return new ChatFrames.Notice("rated", null);
        } catch (StoreException e) {
            throw unavailable(e);
        }
    }

    /** The email channel's answer to a transcript request, for the customer's sockets on this instance. */
    public void transcriptOutcome(String contactId, boolean sent) {
        live.send(contactId, new ChatFrames.Notice(sent ? "transcript_sent" : "transcript_failed", null));
    }

    /** An agent is typing: shown on this instance's sockets of the conversation. */
    public void agentTyping(ContactTyping typing) {
        if (typing.party() == ContactTyping.Party.AGENT && typing.channel() == Channel.CHAT) {
            live.send(typing.contactId(), new ChatFrames.Notice("agent_typing", typing.agentId()));
        }
    }

    /** The customer's last socket here closed: the abandon clock starts (the sweep decides). */
    public void disconnected(String contactId) {
        lastTyping.remove(contactId);
        try {
            store.connected(contactId, false, Instant.now());
        } catch (StoreException e) {
            LOG.warnf("could not record that %s left: %s", contactId, e.getMessage());
        }
    }

    /** The customer closed the chat. */
    public void leave(String contactId) throws ChatException {
        try {
            Conversation conversation = store.conversation(contactId).orElseThrow();
            end(conversation, Instant.now());
        } catch (StoreException e) {
            throw unavailable(e);
        }
    }

    /** Ends the contacts whose customer has been gone for the abandon time with no agent on them. */
    public int abandonSweep() throws StoreException {
        Instant now = Instant.now();
        int ended = 0;
        for (Conversation conversation : store.abandonedBefore(now.minus(config.abandonAfter()))) {
            if (!live.connected(conversation.contactId()) && end(conversation, now)) {
                ended++;
            }
        }
        return ended;
    }

    /** An agent's reply: kept in the transcript, pushed to the customer's sockets, answered on the contacts topic. */
    public void deliver(ReplyRequested reply) throws StoreException {
        Optional<Conversation> found = store.conversation(reply.contactId()).filter(c -> c.tenantId().equals(reply.tenantId()));
        Instant now = Instant.now();
        ContactEvent outcome;
        if (found.isEmpty()) {
            outcome = failed(reply, "no chat conversation " + reply.contactId() + " in tenant " + reply.tenantId(), now);
        } else if (!found.get().open()) {
            outcome = failed(reply, "the customer has left the chat", now);
        } else {
            UUID lineId = uuid("reply:" + reply.messageId());
            String text = reply.text() == null ? "" : reply.text();
            if (store.addAgentMessage(reply.contactId(), lineId, reply.agentId(), text, now)) {
                live.send(reply.contactId(), new ChatFrames.AgentMessage(text, now));
            }
            outcome = new ContactMessageSent(uuid("outcome:" + reply.messageId()), reply.tenantId(), now, reply.contactId(),
                    reply.messageId(), Channel.CHAT, reply.agentId(), Address.chatVisitor(found.get().visitorId()), text,
                    List.of(), Map.of(PUSHED_BY, instanceId));
        }
        publish(List.of(outcome));
    }

    /**
     * A reply another instance delivered (its {@code contact.message.sent}): pushed to this instance's
     * sockets of the contact, so a customer reaches every reply wherever their socket landed.
     */
    public void deliveredElsewhere(ContactMessageSent sent) {
        if (sent.channel() == Channel.CHAT && !instanceId.equals(sent.metadata().get(PUSHED_BY))) {
            live.send(sent.contactId(), new ChatFrames.AgentMessage(sent.text(), sent.occurredAt()));
        }
    }

    /**
     * The contact ended elsewhere (the agent wrapped it up): the conversation closes, and the customer's
     * sockets on this instance are told. Every instance sees it; only the first one's write counts.
     */
    public void endedElsewhere(ContactEnded ended) throws StoreException {
        if (ended.reason() == ContactEnded.Reason.CUSTOMER_LEFT) {
            return;
        }
        store.end(ended.contactId(), ended.reason().name(), ended.occurredAt());
        live.send(ended.contactId(), new ChatFrames.Notice("chat_ended", null));
    }

    /** Routing offered the chat to an agent: they may read it from now on, whether they accept or not. */
    public void offered(ContactOffered offer) throws StoreException {
        store.recordHandler(offer.contactId(), offer.tenantId(), offer.agentId(), offer.occurredAt());
    }

    /** Routing gave the chat to an agent: one of the agents who may read it, and the customer is told. */
    public void assigned(ContactAssigned assignment) throws StoreException {
        store.recordHandler(assignment.contactId(), assignment.tenantId(), assignment.agentId(), assignment.occurredAt());
        assigned(assignment.contactId(), assignment.agentId());
    }

    /**
     * A transcript for the inbox: a supervisor's tenants' conversations, or an agent's own (offered or
     * assigned to them, now or before). Anything else is not found, so its existence is not confirmed.
     */
    public List<ChatLine> transcriptFor(Reader reader, String contactId) throws StoreException, NotFoundException {
        return store.transcriptFor(reader, contactId).orElseThrow(() -> new NotFoundException("no chat conversation " + contactId));
    }

    /** Routing gave the chat to an agent (or took it away on a transfer). */
    public void assigned(String contactId, String agentId) throws StoreException {
        Optional<Conversation> conversation = store.conversation(contactId);
        if (conversation.isEmpty() || !conversation.get().open()) {
            return;
        }
        store.assign(contactId, agentId);
        live.send(contactId, new ChatFrames.Notice(agentId == null ? "agent_left" : "agent_joined", agentId));
    }

    private boolean end(Conversation conversation, Instant now) throws StoreException {
        if (!store.end(conversation.contactId(), "CUSTOMER_LEFT", now)) {
            return false;
        }
        if (conversation.contactCreated()) {
            publish(List.of(new ContactEnded(uuid("ended:" + conversation.contactId()), conversation.tenantId(), now,
                    conversation.contactId(), Channel.CHAT, ContactEnded.Reason.CUSTOMER_LEFT, null, null, null, null, null)));
        }
        return true;
    }

    private static ContactMessageFailed failed(ReplyRequested reply, String reason, Instant now) {
        return new ContactMessageFailed(uuid("outcome:" + reply.messageId()), reply.tenantId(), now, reply.contactId(),
                reply.messageId(), Channel.CHAT, reply.agentId(), reason, true, Map.of());
    }

    private void publish(List<? extends ContactEvent> events) {
        publisher.publish(events, config.publishTimeout());
    }

    private String token(String contactId, EntryPointRoute route, Instant now) {
        return tokens.sign(new ConversationToken.Claims(contactId, route.address(), now.plus(config.tokenTtl())));
    }

    private static ChatException unavailable(Exception cause) {
        LOG.warnf("chat store unavailable: %s", cause.getMessage());
        return new ChatException("unavailable", "the chat is unavailable for a moment; your message was not sent, try again");
    }

    private static UUID uuid(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
