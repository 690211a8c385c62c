package io.switchboard.admin.domain;

import java.util.List;
import java.util.Map;

import io.switchboard.events.QueueConfigured;

/**
 * A queue as an admin configures it; every field is what routing applies (see the contract's
 * {@link QueueConfigured}).
 *
 * @param requiredSkills  skill to minimum proficiency (1-5)
 * @param businessHours   this queue's own weekly hours, or empty to follow the tenant's
 * @param timeZone        the zone of its own hours (empty: the tenant's)
 * @param outsideHours    what happens to contacts outside hours: WAIT until it opens, or OVERFLOW
 */
public record QueueSettings(String name, Map<String, Integer> requiredSkills, int priority, int serviceLevelSeconds,
        int serviceLevelPercent, QueueConfigured.Strategy strategy, int preferredAgentSeconds, int offerTimeoutSeconds,
        int maxWaitSeconds, String overflowQueueId, List<Relaxation> relaxation, List<Opening> businessHours,
        String timeZone, QueueConfigured.BusinessHours.OutsideHours outsideHours, boolean recordCalls) {

    /** After {@code afterSeconds} waiting, lower {@code skill}'s minimum to {@code minimumProficiency}, or drop it when null. */
    public record Relaxation(int afterSeconds, String skill, Integer minimumProficiency) {
    }

    public QueueSettings {
        requiredSkills = requiredSkills == null ? Map.of() : Map.copyOf(requiredSkills);
        strategy = strategy == null ? QueueConfigured.Strategy.LONGEST_IDLE : strategy;
        relaxation = relaxation == null ? List.of() : List.copyOf(relaxation);
        businessHours = businessHours == null ? List.of() : List.copyOf(businessHours);
        outsideHours = outsideHours == null ? QueueConfigured.BusinessHours.OutsideHours.WAIT : outsideHours;
        overflowQueueId = overflowQueueId == null || overflowQueueId.isBlank() ? null : overflowQueueId;
        timeZone = timeZone == null || timeZone.isBlank() ? null : timeZone;
    }
}
