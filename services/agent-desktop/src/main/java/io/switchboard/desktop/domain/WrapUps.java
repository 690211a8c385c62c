package io.switchboard.desktop.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.switchboard.events.QueueConfigured.CannedResponse;
import io.switchboard.events.QueueConfigured.Disposition;
import io.switchboard.events.WrapUpCompleted;

/**
 * After-contact work. A contact that ends while an agent holds it (the customer left, the call hung up,
 * or the agent ended it) is owed a wrap-up by that agent: the outcome, one of its queue's disposition
 * codes (required when the queue has any), and notes. Completing it publishes
 * {@code agent.wrapup.completed}, which ends the agent's wrap-up time in routing at once.
 */
public class WrapUps {

    public static final int MAX_NOTES_CHARS = 4_000;

    private final InboxStore store;
    private final CommandBus publisher;
    private final DesktopSettings settings;
    private final Clock clock = Clock.systemUTC();

    public WrapUps(InboxStore store, CommandBus publisher, DesktopSettings settings) {
        this.store = store;
        this.publisher = publisher;
        this.settings = settings;
    }

    /** The contacts the viewer still owes a wrap-up, newest ended first, each with what its queue asks. */
    public List<PendingWrapUp> due(Viewer viewer) {
        Optional<Instant> endsAt = store.wrapUpEndsAt(viewer.agentId());
        List<PendingWrapUp> due = new ArrayList<>();
        for (ContactSummary contact : store.wrapUpsDue(viewer.agentId(), viewer.tenants())) {
            QueueSettings queue = queueOf(contact);
            due.add(new PendingWrapUp(contact, queue.name(), queue.dispositions(), !queue.dispositions().isEmpty(),
                    queue.wrapUpSeconds(), endsAt.orElse(null)));
        }
        return due;
    }

    /**
     * Records the wrap-up of a contact the viewer held and publishes it; returns once Kafka acknowledged
     * it. Only the agent who held the contact wraps it up, once, after it ended.
     */
    public WrapUp complete(Viewer viewer, String contactId, String dispositionCode, String notes) {
        ContactSummary contact = store.contact(contactId).filter(c -> viewer.serves(c.tenantId()))
                .orElseThrow(() -> new DesktopException.NotFound("no contact " + contactId + " for you"));
        String owner = store.wrapUpAgent(contactId).orElse(null);
        if (!viewer.agentId().equals(owner)) {
            if (contact.status() == ContactStatus.ASSIGNED && viewer.agentId().equals(contact.agentId())) {
                throw new DesktopException.Conflict("contact " + contactId + " has not ended: end it, then wrap it up");
            }
            if (viewer.supervisor()) {
                throw new DesktopException.Forbidden("only the agent who held contact " + contactId + " wraps it up");
            }
            throw new DesktopException.NotFound("no contact " + contactId + " for you");
        }
        if (store.wrapUp(contactId).isPresent()) {
            throw new DesktopException.Conflict("contact " + contactId + " is already wrapped up");
        }
        QueueSettings queue = queueOf(contact);
        String code = blankToNull(dispositionCode);
        Disposition disposition = null;
        if (code == null && !queue.dispositions().isEmpty()) {
            throw new DesktopException.Invalid("dispositionCode", "required: queue " + queue.queueId() + " asks for one of "
                    + queue.codes());
        }
        if (code != null) {
            disposition = queue.disposition(code).orElseThrow(() -> new DesktopException.Invalid("dispositionCode",
                    "unknown code " + code + (queue.dispositions().isEmpty() ? ": queue " + queue.queueId() + " has no disposition codes"
                            : "; queue " + queue.queueId() + " has " + queue.codes())));
        }
        String text = blankToNull(notes);
        if (text != null && text.length() > MAX_NOTES_CHARS) {
            throw new DesktopException.Invalid("notes", "at most " + MAX_NOTES_CHARS + " characters, these have " + text.length());
        }
        Instant at = now();
        WrapUp wrapUp = new WrapUp(contactId, contact.tenantId(), viewer.agentId(), contact.queueId(), code,
                disposition == null ? null : disposition.label(), text, at);
        // The claim makes a second attempt a 409 while this one publishes; one left by a crash goes stale.
        if (!store.claimWrapUp(wrapUp, at.minus(settings.publishTimeout()))) {
            throw new DesktopException.Conflict("contact " + contactId + " is already wrapped up");
        }
        try {
            publisher.publish(new WrapUpCompleted(UUID.randomUUID(), contact.tenantId(), at, viewer.agentId(), contactId,
                    contact.queueId(), code, text), settings.publishTimeout());
        } catch (RuntimeException notPublished) {
            store.releaseWrapUp(contactId, at);
            throw notPublished;
        }
        store.wrapUpCompleted(wrapUp);
        return wrapUp;
    }

    /** The canned responses of the contact's queue, for a contact the viewer may see. */
    public List<CannedResponse> cannedResponses(ContactSummary visibleContact) {
        return queueOf(visibleContact).cannedResponses();
    }

    private QueueSettings queueOf(ContactSummary contact) {
        return store.queueSettings(contact.tenantId(), contact.queueId())
                .orElseGet(() -> QueueSettings.none(contact.tenantId(), contact.queueId()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
