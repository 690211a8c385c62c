package io.switchboard.desktop.domain;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A supervisor watching a conversation of their tenants (a silent join: the agent and the customer
 * are not told) writes private notes to the agent holding it. A note is stored and pushed to that
 * agent and the tenant's supervisors; it never reaches a channel, so the customer never sees it.
 */
public class Coaching {

    public static final int MAX_NOTE_CHARS = 2_000;

    private final InboxStore store;
    private final Pushes pushes;
    private final Clock clock;

    public Coaching(InboxStore store, Pushes pushes) {
        this(store, pushes, Clock.systemUTC());
    }

    public Coaching(InboxStore store, Pushes pushes, Clock clock) {
        this.store = store;
        this.pushes = pushes;
        this.clock = clock;
    }

    public SupervisorNote note(Viewer viewer, String contactId, String text) {
        if (!viewer.supervisor()) {
            throw new DesktopException.Forbidden("only a supervisor writes notes to an agent");
        }
        ContactSummary contact = store.contact(contactId).filter(c -> viewer.serves(c.tenantId()))
                .orElseThrow(() -> new DesktopException.NotFound("no contact " + contactId + " for you"));
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NOTE_CHARS) {
            throw new DesktopException.Invalid("a note has 1 to " + MAX_NOTE_CHARS + " characters");
        }
        if (contact.status() == ContactStatus.ENDED) {
            throw new DesktopException.Conflict("contact " + contactId + " has ended: nobody is there to read the note");
        }
        String to = contact.status() == ContactStatus.ASSIGNED ? contact.agentId() : null;
        SupervisorNote note = new SupervisorNote(UUID.randomUUID(), contactId, viewer.agentId(), viewer.name(), to, trimmed,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        store.noteAdded(note, contact.tenantId());
        Set<String> agents = new HashSet<>();
        agents.add(viewer.agentId());
        if (to != null) {
            agents.add(to);
        }
        pushes.send(new Push(agents, Set.of(contact.tenantId()), new DesktopFrames.Note(contactId, note)));
        return note;
    }

    /** Whether the viewer may read a conversation's notes: supervisors and the agent holding or last holding it. */
    public static boolean mayRead(Viewer viewer, ContactSummary contact) {
        return viewer.supervisor() || viewer.agentId().equals(contact.agentId());
    }
}
