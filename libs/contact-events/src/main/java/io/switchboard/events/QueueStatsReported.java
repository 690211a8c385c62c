package io.switchboard.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A queue's live figures, published by routing every few seconds (keyed {@code queue:<tenant>:<id>}).
 * The day counts run from midnight in the tenant's time zone; {@code serviceLevelToday} is the share
 * of today's answered and abandoned contacts that were answered within the queue's threshold (null
 * before the first one).
 */
public record QueueStatsReported(UUID eventId, String tenantId, Instant occurredAt, String queueId, int waiting,
        Long oldestWaitSeconds, int agentsAvailable, LocalDate day, long offeredToday, long answeredToday,
        long answeredWithinThresholdToday, long abandonedToday, Double serviceLevelToday, int thresholdSeconds,
        int targetPercent) implements QueueEvent {

    public QueueStatsReported {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(queueId, "queueId");
        Require.present(day, "day");
    }

    @Override
    public String subject() {
        return "queue:" + tenantId + ":" + queueId;
    }
}
