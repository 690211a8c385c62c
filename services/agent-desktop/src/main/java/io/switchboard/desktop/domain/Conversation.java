package io.switchboard.desktop.domain;

import java.util.List;

/** A contact with its whole thread, oldest message first, and its wrap-up once the agent completed it. */
public record Conversation(ContactSummary contact, String customerKind, String customerValue, List<ThreadMessage> messages,
        WrapUp wrapUp) {
}
