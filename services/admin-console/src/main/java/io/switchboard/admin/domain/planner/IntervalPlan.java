package io.switchboard.admin.domain.planner;

import java.time.LocalTime;

/**
 * What one interval needs: the offered load in Erlangs, the agents on the phones to meet the target
 * and those to schedule after shrinkage, and what that staffing gives: service level, probability
 * of waiting, ASA (Erlang C only), occupancy (and the abandon rate with Erlang A).
 */
public record IntervalPlan(LocalTime start, double contacts, double load, int agents, int scheduled, double serviceLevel,
        double probabilityOfWaiting, Double averageSpeedOfAnswerSeconds, double occupancy, Double abandonRate) {
}
