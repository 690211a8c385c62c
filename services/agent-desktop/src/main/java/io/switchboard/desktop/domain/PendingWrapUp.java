package io.switchboard.desktop.domain;

import java.time.Instant;
import java.util.List;

import io.switchboard.events.QueueConfigured.Disposition;

/**
 * A contact that ended while the agent held it and that they have not wrapped up yet: the codes of its
 * queue to choose from ({@code dispositionRequired} when there are any), the queue's wrap-up time, and
 * when the agent's wrap-up ends ({@code wrapUpEndsAt}, from routing's WRAP_UP state; null when they are
 * not in wrap-up).
 */
public record PendingWrapUp(ContactSummary contact, String queueName, List<Disposition> dispositions, boolean dispositionRequired,
        int wrapUpSeconds, Instant wrapUpEndsAt) {

    public PendingWrapUp {
        dispositions = List.copyOf(dispositions);
    }
}
