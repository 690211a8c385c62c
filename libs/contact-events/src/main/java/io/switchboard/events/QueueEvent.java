package io.switchboard.events;

/** Figures about a queue, keyed {@code queue:<tenant>:<id>}. */
public sealed interface QueueEvent extends SwitchboardEvent permits QueueStatsReported {
}
