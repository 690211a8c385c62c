package io.switchboard.desktop.domain;

import java.util.List;

/**
 * A contact with its whole thread, oldest message first, its wrap-up once the agent completed it,
 * supervisors' private notes (oldest first; empty for a viewer who may not read them) and the
 * customer's satisfaction rating once they gave one; {@code details} is a campaign call's record or a fax's
 * document, when the contact is one (else null).
 */
public record Conversation(ContactSummary contact, String customerKind, String customerValue, List<ThreadMessage> messages,
        WrapUp wrapUp, List<SupervisorNote> notes, Survey survey, ContactDetails details) {

    public Conversation {
        notes = List.copyOf(notes);
    }

    public Conversation withoutNotes() {
        return new Conversation(contact, customerKind, customerValue, messages, wrapUp, List.of(), survey, details);
    }
}
