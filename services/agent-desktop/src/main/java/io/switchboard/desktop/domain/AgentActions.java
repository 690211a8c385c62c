package io.switchboard.desktop.domain;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.CallControlRequested;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactTyping;
import io.switchboard.events.OfferAnswered;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.TransferRequested;

/**
 * What an agent does from the inbox. Each action checks that the contact is theirs (an offer to
 * them, or a contact they hold, in a tenant they serve), publishes the command and returns once the
 * broker has it. A contact that is not theirs is a 404, exactly like one that does not exist.
 */
public class AgentActions {

    public static final int MAX_REPLY_CHARS = 20_000;

    private final InboxStore store;
    private final CommandBus publisher;
    private final DesktopSettings settings;
    private final Clock clock = Clock.systemUTC();

    public AgentActions(InboxStore store, CommandBus publisher, DesktopSettings settings) {
        this.store = store;
        this.publisher = publisher;
        this.settings = settings;
    }

    public void setPresence(Viewer viewer, String state) {
        AgentStateChanged.State target = parsePresence(state);
        publisher.publish(new AgentStateChanged(UUID.randomUUID(), viewer.homeTenant(), now(), viewer.agentId(), target,
                "set by the agent", null), settings.publishTimeout());
    }

    public void answerOffer(Viewer viewer, String contactId, String offerId, boolean accept) {
        ContactSummary contact = visible(viewer, contactId);
        if (contact.status() != ContactStatus.OFFERED || !viewer.agentId().equals(contact.offeredTo())
                || offerId == null || !offerId.equals(contact.offerId())) {
            throw new DesktopException.Conflict("offer " + offerId + " for contact " + contactId + " is not open for you");
        }
        if (contact.offerExpiresAt() != null && contact.offerExpiresAt().isBefore(clock.instant())) {
            throw new DesktopException.OfferExpired("offer " + offerId + " expired at " + contact.offerExpiresAt());
        }
        publisher.publish(new OfferAnswered(UUID.randomUUID(), contact.tenantId(), now(), viewer.agentId(), contactId, offerId,
                accept ? OfferAnswered.Answer.ACCEPTED : OfferAnswered.Answer.DECLINED), settings.publishTimeout());
    }

    /**
     * Stores the reply as PENDING, then asks the channel to deliver it; the channel's answer marks it SENT or FAILED.
     * A template (social contacts only) travels as the reply's metadata; {@code text} is its rendered preview.
     * <p>
     * A client that names the reply ({@code clientMessageId}, a UUID) may send it again when it got no answer (the
     * desktop stopped, the network dropped): the same reply is asked of the channel again as the same event, and every
     * channel delivers a message id once, so the customer gets it once. A reply the channel already answered is
     * returned as it stands; the id on another message, or with another text, is a conflict.
     */
    public ThreadMessage reply(Viewer viewer, String contactId, String text, ReplyTemplate template, String clientMessageId) {
        ContactSummary contact = held(viewer, contactId);
        if (template != null && !Channel.SOCIAL.name().equals(contact.channel())) {
            throw new DesktopException.Invalid("templates are for social messaging contacts; contact " + contactId + " is "
                    + contact.channel());
        }
        Map<String, String> metadata = template == null ? Map.of() : template.metadata();
        if (text == null || text.isBlank()) {
            throw new DesktopException.Invalid("a reply needs text");
        }
        if (text.length() > MAX_REPLY_CHARS) {
            throw new DesktopException.Invalid("a reply is at most " + MAX_REPLY_CHARS + " characters, this one has " + text.length());
        }
        if (contact.channel() == null) {
            throw new DesktopException.Conflict("the channel of contact " + contactId + " is not known yet");
        }
        String messageId = clientMessageId == null ? UUID.randomUUID().toString() : clientMessageId(clientMessageId);
        Optional<ThreadMessage> earlier = clientMessageId == null ? Optional.empty() : store.reply(contactId, messageId);
        if (earlier.isEmpty() && clientMessageId != null && store.message(messageId).isPresent()) {
            throw new DesktopException.Conflict("message id " + messageId + " is another contact's message");
        }
        if (earlier.isPresent() && (!viewer.agentId().equals(earlier.get().agentId()) || !text.equals(earlier.get().text()))) {
            throw new DesktopException.Conflict("message id " + messageId + " is already a reply with another text or agent");
        }
        if (earlier.isPresent() && !"PENDING".equals(earlier.get().status())) {
            return earlier.get();
        }
        Instant at = earlier.map(ThreadMessage::at).orElseGet(this::now);
        if (earlier.isEmpty()) {
            store.replyRequested(messageId, contactId, contact.tenantId(), viewer.agentId(), text, at);
        }
        publisher.publish(new ReplyRequested(replyEventId(messageId), contact.tenantId(), at, contactId, messageId,
                Channel.valueOf(contact.channel()), viewer.agentId(), text, List.of(), metadata), settings.publishTimeout());
        return new ThreadMessage(messageId, false, viewer.agentId(), text, 0, at, "PENDING", null, null, null);
    }

    private static String clientMessageId(String id) {
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw new DesktopException.Invalid("messageId is a UUID, not " + id);
        }
    }

    /** One event per reply, however often it is asked for, so a consumer that drops repeated event ids drops the repeat too. */
    static UUID replyEventId(String messageId) {
        return UUID.nameUUIDFromBytes(("reply-requested:" + messageId).getBytes(StandardCharsets.UTF_8));
    }

    public void transfer(Viewer viewer, String contactId, String toQueueId, String toAgentId, String note) {
        ContactSummary contact = held(viewer, contactId);
        if ((toQueueId == null || toQueueId.isBlank()) == (toAgentId == null || toAgentId.isBlank())) {
            throw new DesktopException.Invalid("name exactly one of queueId or agentId");
        }
        if (toAgentId != null && toAgentId.equals(viewer.agentId())) {
            throw new DesktopException.Invalid("the contact is already yours");
        }
        if (toQueueId != null && store.queues(Set.of(contact.tenantId())).stream().noneMatch(q -> q.queueId().equals(toQueueId))) {
            throw new DesktopException.Invalid("queue " + toQueueId + " is not a queue of tenant " + contact.tenantId());
        }
        if (toAgentId != null && !store.tenantsOf(toAgentId).contains(contact.tenantId())) {
            throw new DesktopException.Invalid("agent " + toAgentId + " does not serve tenant " + contact.tenantId());
        }
        publisher.publish(new TransferRequested(UUID.randomUUID(), contact.tenantId(), now(), viewer.agentId(), contactId,
                blankToNull(toQueueId), blankToNull(toAgentId), blankToNull(note)), settings.publishTimeout());
    }

    /**
     * Ends the contact with one of the desktop-wide disposition codes (the older form of ending a contact);
     * routing releases the agent into wrap-up, and the contact is owed its wrap-up like any other.
     */
    public void wrapUp(Viewer viewer, String contactId, String disposition) {
        ContactSummary contact = held(viewer, contactId);
        if (disposition == null || !settings.dispositions().contains(disposition)) {
            throw new DesktopException.Invalid("disposition must be one of " + settings.dispositions());
        }
        end(contact, disposition);
    }

    /** Ends a contact the agent holds; routing releases the agent into wrap-up and the inbox asks for the contact's wrap-up. */
    public void end(Viewer viewer, String contactId) {
        end(held(viewer, contactId), null);
    }

    private void end(ContactSummary contact, String disposition) {
        String contactId = contact.contactId();
        Instant at = now();
        publisher.publish(new ContactEnded(UUID.nameUUIDFromBytes(("wrap-up:" + contactId).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                contact.tenantId(), at, contactId, Channel.valueOf(contact.channel()), ContactEnded.Reason.AGENT_ENDED, disposition,
                null, null, null, null), settings.publishTimeout());
        store.ended(contactId, contact.tenantId(), ContactEnded.Reason.AGENT_ENDED.name(), disposition, at);
    }

    /** Puts the caller of a voice contact the agent holds on hold, or takes them off it. */
    public void callControl(Viewer viewer, String contactId, CallControlRequested.Action action) {
        ContactSummary contact = held(viewer, contactId);
        if (!Channel.VOICE.name().equals(contact.channel())) {
            throw new DesktopException.Conflict("hold and resume are for voice calls; contact " + contactId + " is " + contact.channel());
        }
        publisher.publish(new CallControlRequested(UUID.randomUUID(), contact.tenantId(), now(), contactId, viewer.agentId(), action),
                settings.publishTimeout());
    }

    /** The agent is typing a reply: the customer's widget shows it (the inbox sends this at most every 3 s). */
    public void typing(Viewer viewer, String contactId) {
        ContactSummary contact = held(viewer, contactId);
        publisher.publish(new ContactTyping(UUID.randomUUID(), contact.tenantId(), now(), contactId, Channel.valueOf(contact.channel()),
                ContactTyping.Party.AGENT, viewer.agentId()), settings.publishTimeout());
    }

    public void markRead(Viewer viewer, String contactId) {
        held(viewer, contactId);
        store.markRead(contactId, now());
    }

    /** The contact if the viewer may see it: offered to them or theirs, or any contact of their tenants for a supervisor. */
    public ContactSummary visible(Viewer viewer, String contactId) {
        return store.contact(contactId)
                .filter(c -> viewer.serves(c.tenantId()))
                .filter(c -> viewer.supervisor() || viewer.agentId().equals(c.agentId()) || viewer.agentId().equals(c.offeredTo()))
                .orElseThrow(() -> new DesktopException.NotFound("no contact " + contactId + " for you"));
    }

    private ContactSummary held(Viewer viewer, String contactId) {
        ContactSummary contact = visible(viewer, contactId);
        if (contact.status() != ContactStatus.ASSIGNED || !viewer.agentId().equals(contact.agentId())) {
            throw new DesktopException.Conflict("contact " + contactId + " is not assigned to you (it is " + contact.status() + ")");
        }
        return contact;
    }

    private static AgentStateChanged.State parsePresence(String state) {
        try {
            AgentStateChanged.State parsed = AgentStateChanged.State.valueOf(state == null ? "" : state.toUpperCase(Locale.ROOT));
            if (parsed == AgentStateChanged.State.WRAP_UP) {
                throw new DesktopException.Invalid("wrap-up starts when a contact ends; choose AVAILABLE, AWAY or OFFLINE");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new DesktopException.Invalid("state must be AVAILABLE, AWAY or OFFLINE, not " + state);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
