package io.switchboard.routing.engine;

import java.time.Instant;

/** A queue's live figures: contacts waiting, the oldest arrival among them, and agents available to it. */
public record QueueStats(String queueId, String tenant, int waiting, Instant oldestArrival, int agentsAvailable) {
}
