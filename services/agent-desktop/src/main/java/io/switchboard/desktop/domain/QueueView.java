package io.switchboard.desktop.domain;

import java.time.Instant;

/** A queue with its latest figures from routing's {@code queue.stats} (absent until the first report). */
public record QueueView(String tenantId, String queueId, String name, Integer waiting, Long oldestWaitSeconds,
        Integer agentsAvailable, Integer offeredToday, Integer answeredToday, Integer abandonedToday, Double serviceLevel,
        Instant reportedAt) {
}
