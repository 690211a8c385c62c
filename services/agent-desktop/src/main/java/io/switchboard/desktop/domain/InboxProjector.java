package io.switchboard.desktop.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import io.switchboard.events.AgentConfigured;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAbandoned;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactMessageFailed;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.ContactMessageSent;
import io.switchboard.events.ContactMessageStatusChanged;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.ContactQueued;
import io.switchboard.events.ContactRejected;
import io.switchboard.events.ContactSurveyAnswered;
import io.switchboard.events.ContactTyping;
import io.switchboard.events.ContactTransferred;
import io.switchboard.events.Direction;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.QueueStatsReported;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.WrapUpCompleted;
import io.switchboard.events.address.Address;

/**
 * Turns the platform's events into the inbox's read model, then tells the sockets concerned: the
 * agents who held or were offered the contact before or after, and the supervisors of its tenant.
 * Every write is idempotent, so a redelivered event only repeats a push.
 */
public class InboxProjector {

    private static final int PREVIEW_CHARS = 1_000;
    /** The {@code metadata.kind} of a chat transcript the email channel mailed for the customer. */
    private static final String TRANSCRIPT = "transcript";

    private final InboxStore store;
    private final Pushes pushes;

    public InboxProjector(InboxStore store, Pushes pushes) {
        this.store = store;
        this.pushes = pushes;
    }

    public void apply(SwitchboardEvent event) {
        if (event instanceof ContactCreated created) {
            Address customer = customerOf(created);
            store.contactCreated(created.contactId(), created.tenantId(), created.channel().name(), platformOf(created, customer),
                    created.direction().name(),
                    created.title(), customer == null ? null : customer.kind().name(), customer == null ? null : customer.value(),
                    created.customerHints().get("name"), ContactDetails.of(created.metadata()), created.occurredAt());
            contactChanged(created.contactId(), Set.of());
        } else if (event instanceof ContactMessageReceived received) {
            store.messageReceived(received.messageId(), received.contactId(), received.tenantId(), received.text(),
                    received.attachments().size(), received.occurredAt());
            messageChanged(received.contactId(), received.messageId());
        } else if (event instanceof ContactMessageSent sent) {
            // A transcript the customer had mailed shows as a line in the thread, not as the whole text again.
            String text = TRANSCRIPT.equals(sent.metadata().get("kind"))
                    ? "Transcript emailed to " + (sent.to() == null ? "the customer" : sent.to().value()) : sent.text();
            store.replyOutcome(sent.messageId(), sent.contactId(), sent.tenantId(), sent.agentId(), text, sent.occurredAt(),
                    "SENT", null);
            messageChanged(sent.contactId(), sent.messageId());
        } else if (event instanceof ContactMessageFailed failed) {
            String text = TRANSCRIPT.equals(failed.metadata().get("kind")) ? "Transcript by email" : null;
            store.replyOutcome(failed.messageId(), failed.contactId(), failed.tenantId(), failed.agentId(), text, failed.occurredAt(),
                    "FAILED", failed.reason());
            messageChanged(failed.contactId(), failed.messageId());
        } else if (event instanceof ContactMessageStatusChanged status) {
            if (store.delivery(status.messageId(), status.contactId(), status.status().name(), status.status().rank(), status.reason())) {
                messageChanged(status.contactId(), status.messageId());
            }
        } else if (event instanceof ContactTyping typing) {
            // Not stored: only the holder's inbox shows it, for a few seconds.
            if (typing.party() == ContactTyping.Party.CUSTOMER) {
                store.contact(typing.contactId()).filter(c -> c.status() == ContactStatus.ASSIGNED && c.agentId() != null)
                        .ifPresent(c -> pushes.send(new Push(Set.of(c.agentId()), Set.of(), new DesktopFrames.Typing(c.contactId()))));
            }
        } else if (event instanceof ContactSurveyAnswered survey) {
            store.surveyAnswered(survey.contactId(), survey.tenantId(), new Survey(survey.score(), survey.comment(), survey.occurredAt()));
        } else if (event instanceof ContactEnded ended) {
            Set<String> before = involved(ended.contactId());
            store.ended(ended.contactId(), ended.tenantId(), ended.reason().name(), ended.disposition(), ended.occurredAt());
            contactChanged(ended.contactId(), before);
        } else {
            applyRouting(event);
        }
    }

    private void applyRouting(SwitchboardEvent event) {
        if (event instanceof ContactQueued queued) {
            routed(queued.contactId(), queued.tenantId(), queued.channel().name(), ContactStatus.QUEUED, queued.queueId(), null,
                    null, null, null, queued.occurredAt());
        } else if (event instanceof ContactOffered offered) {
            routed(offered.contactId(), offered.tenantId(), offered.channel().name(), ContactStatus.OFFERED, offered.queueId(), null,
                    offered.offerId(), offered.agentId(), offered.expiresAt(), offered.occurredAt());
        } else if (event instanceof ContactAssigned assigned) {
            routed(assigned.contactId(), assigned.tenantId(), assigned.channel().name(), ContactStatus.ASSIGNED, assigned.queueId(),
                    assigned.agentId(), null, null, null, assigned.occurredAt());
        } else if (event instanceof ContactRejected rejected && rejected.offerId() != null) {
            Set<String> before = involved(rejected.contactId());
            store.offerEnded(rejected.contactId(), rejected.offerId(), rejected.occurredAt());
            contactChanged(rejected.contactId(), before);
        } else if (event instanceof ContactTransferred transferred) {
            routed(transferred.contactId(), transferred.tenantId(), null, ContactStatus.QUEUED, transferred.toQueueId(), null, null,
                    null, null, transferred.occurredAt());
        } else if (event instanceof ContactAbandoned abandoned) {
            Set<String> before = involved(abandoned.contactId());
            store.ended(abandoned.contactId(), abandoned.tenantId(), "ABANDONED", null, abandoned.occurredAt());
            contactChanged(abandoned.contactId(), before);
        } else if (event instanceof QueueStatsReported stats) {
            store.queueStats(stats.tenantId(), stats.queueId(), stats.waiting(), stats.oldestWaitSeconds(), stats.agentsAvailable(),
                    stats.offeredToday(), stats.answeredToday(), stats.abandonedToday(), stats.serviceLevelToday(), stats.occurredAt());
            store.queues(Set.of(stats.tenantId())).stream().filter(q -> q.queueId().equals(stats.queueId())).findFirst()
                    .ifPresent(q -> pushes.send(new Push(Set.of(), Set.of(stats.tenantId()), new DesktopFrames.Queue(q))));
        } else if (event instanceof WrapUpCompleted done) {
            // The desktop's own publication read back (or another instance's): the record and the contact's disposition.
            String label = done.dispositionCode() == null ? null : store.queueSettings(done.tenantId(), done.queueId())
                    .flatMap(q -> q.disposition(done.dispositionCode())).map(QueueConfigured.Disposition::label)
                    .orElse(done.dispositionCode());
            store.wrapUpCompleted(new WrapUp(done.contactId(), done.tenantId(), done.agentId(), done.queueId(), done.dispositionCode(),
                    label, done.notes(), done.occurredAt()));
            contactChanged(done.contactId(), Set.of(done.agentId()));
        } else if (event instanceof AgentStateChanged state) {
            store.presence(state.agentId(), state.state().name(), state.reason(), state.occurredAt(), state.wrapUpEndsAt());
            presenceChanged(state.agentId());
        } else if (event instanceof AgentConfigured agent) {
            store.agentConfigured(agent.agentId(), agent.displayName(), agent.tenants(), agent.skills(), agent.active());
        } else if (event instanceof QueueConfigured queue) {
            store.queueConfigured(new QueueSettings(queue.tenantId(), queue.queueId(), queue.name(), queue.wrapUpSeconds(),
                    queue.dispositions(), queue.cannedResponses()), queue.occurredAt());
        } else if (event instanceof TenantConfigured tenant) {
            store.tenantConfigured(tenant.tenantId(), tenant.name(), tenant.defaultRegion(), tenant.entryPoints().stream()
                    .filter(e -> e.channel() == Channel.VOICE).map(TenantConfigured.EntryPoint::address).toList(), tenant.occurredAt());
        }
    }

    /** A social contact's platform: the customer's handle names it, else the channel's {@code metadata.platform}. */
    private static String platformOf(ContactCreated created, Address customer) {
        if (customer != null && customer.platform() != null) {
            return customer.platform().name();
        }
        return created.channel() == Channel.SOCIAL ? created.metadata().get("platform") : null;
    }

    /** The customer's side of a new contact: who wrote or called in, or whom the agent's call goes to (our number is {@code from}). */
    private static Address customerOf(ContactCreated created) {
        return created.direction() == Direction.OUTBOUND ? created.to() : created.from();
    }

    private void routed(String contactId, String tenantId, String channel, ContactStatus status, String queueId, String agentId,
            String offerId, String offeredTo, Instant expires, Instant at) {
        Set<String> before = involved(contactId);
        store.routed(contactId, tenantId, channel, status, queueId, agentId, offerId, offeredTo, expires, at);
        Optional<ContactSummary> after = store.contact(contactId);
        if (status == ContactStatus.OFFERED && after.filter(c -> c.status() == ContactStatus.OFFERED).isPresent()) {
            pushes.send(new Push(Set.of(offeredTo), Set.of(), new DesktopFrames.Offer(after.get())));
        }
        if (after.isPresent()) {
            contactChanged(after.get(), before);
        }
    }

    /** The agents a contact concerns now: its holder and the agent it is offered to. */
    private Set<String> involved(String contactId) {
        return store.contact(contactId).map(InboxProjector::involved).orElse(Set.of());
    }

    private static Set<String> involved(ContactSummary contact) {
        Set<String> agents = new HashSet<>();
        if (contact.agentId() != null) {
            agents.add(contact.agentId());
        }
        if (contact.offeredTo() != null) {
            agents.add(contact.offeredTo());
        }
        return agents;
    }

    private void contactChanged(String contactId, Set<String> before) {
        Optional<ContactSummary> contact = store.contact(contactId);
        if (contact.isPresent()) {
            contactChanged(contact.get(), before);
        }
    }

    /** Tells the agents it concerned before or now, and the tenant's supervisors. */
    private void contactChanged(ContactSummary contact, Set<String> before) {
        Set<String> agents = new HashSet<>(before);
        agents.addAll(involved(contact));
        pushes.send(new Push(agents, Set.of(contact.tenantId()), new DesktopFrames.Contact(contact)));
        // A holder's load changed: supervisors see it on the agent's line.
        for (String agent : agents) {
            presenceChanged(agent);
        }
    }

    private void messageChanged(String contactId, String messageId) {
        Optional<ContactSummary> contact = store.contact(contactId);
        Optional<ThreadMessage> message = store.message(messageId);
        if (contact.isEmpty() || message.isEmpty()) {
            return;
        }
        ThreadMessage preview = message.get().preview(PREVIEW_CHARS);
        Set<String> agents = contact.get().agentId() == null ? Set.of() : Set.of(contact.get().agentId());
        pushes.send(new Push(agents, Set.of(contact.get().tenantId()), new DesktopFrames.Message(contactId, preview)));
    }

    private void presenceChanged(String agentId) {
        store.agent(agentId).ifPresent(view -> pushes.send(new Push(Set.of(agentId), Set.copyOf(view.tenants()),
                new DesktopFrames.Presence(view))));
    }
}
