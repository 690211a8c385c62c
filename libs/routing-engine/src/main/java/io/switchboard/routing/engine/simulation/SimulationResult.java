package io.switchboard.routing.engine.simulation;

import java.util.Map;

/**
 * What a run measured over contacts that arrived after the warm-up. {@code serviceLevel} is the
 * share of offered contacts answered within the threshold (abandoned ones count as not answered);
 * {@code asaSeconds} the average wait of answered contacts; {@code occupancy} the share of agent
 * time spent handling contacts.
 */
public record SimulationResult(long offered, long answered, long abandoned, double serviceLevel, double asaSeconds,
        double abandonRate, double occupancy, double probabilityOfWaiting, Map<String, TypeResult> perType,
        long contactsSimulated, double wallSeconds) {

    public record TypeResult(long offered, long answered, long abandoned, double serviceLevel, double asaSeconds) {
    }
}
