package io.switchboard.reporting.domain;

import io.switchboard.events.QueueConfigured;

/**
 * A queue's service-level threshold: its latest configuration's, for all its contacts. The
 * configuration topic is compacted, so only the latest snapshot survives a replay; using it for the
 * whole history is what makes a replay rebuild the same figures. A changed threshold restates the
 * queue's service level.
 */
public final class Queues {

    private Queues() {
    }

    public static QueueConfigured latest(QueueConfigured a, QueueConfigured b) {
        int order = a.occurredAt().compareTo(b.occurredAt());
        if (order == 0) {
            order = a.eventId().compareTo(b.eventId());
        }
        return order >= 0 ? a : b;
    }

    public static int thresholdSeconds(QueueConfigured queue) {
        return queue == null || queue.serviceLevel() == null ? FigureCalculator.DEFAULT_THRESHOLD_SECONDS
                : queue.serviceLevel().thresholdSeconds();
    }
}
