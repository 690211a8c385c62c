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
 * @param holidays        with its own hours, the days it stays closed (a queue following the tenant's hours has the tenant's)
 * @param wrapUpSeconds   after-contact work an agent gets when a contact of this queue ends
 * @param dispositions    outcome codes agents choose from when they wrap a contact up
 * @param cannedResponses prepared answers agents insert into replies
 * @param agentSelection  how its contacts compete for a free agent who also serves other queues
 */
public record QueueSettings(String name, Map<String, Integer> requiredSkills, int priority, int serviceLevelSeconds,
        int serviceLevelPercent, QueueConfigured.Strategy strategy, int preferredAgentSeconds, int offerTimeoutSeconds,
        int maxWaitSeconds, String overflowQueueId, List<Relaxation> relaxation, List<Opening> businessHours,
        String timeZone, QueueConfigured.BusinessHours.OutsideHours outsideHours, boolean recordCalls,
        List<QueueConfigured.Holiday> holidays, int wrapUpSeconds, List<QueueConfigured.Disposition> dispositions,
        List<QueueConfigured.CannedResponse> cannedResponses, QueueConfigured.AgentSelection agentSelection) {

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
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        dispositions = dispositions == null ? List.of() : List.copyOf(dispositions);
        cannedResponses = cannedResponses == null ? List.of() : List.copyOf(cannedResponses);
        agentSelection = agentSelection == null ? QueueConfigured.AgentSelection.OLDEST_FIRST : agentSelection;
    }

    /** A queue whose contacts go to a free agent oldest first. */
    public QueueSettings(String name, Map<String, Integer> requiredSkills, int priority, int serviceLevelSeconds,
            int serviceLevelPercent, QueueConfigured.Strategy strategy, int preferredAgentSeconds, int offerTimeoutSeconds,
            int maxWaitSeconds, String overflowQueueId, List<Relaxation> relaxation, List<Opening> businessHours,
            String timeZone, QueueConfigured.BusinessHours.OutsideHours outsideHours, boolean recordCalls,
            List<QueueConfigured.Holiday> holidays, int wrapUpSeconds, List<QueueConfigured.Disposition> dispositions,
            List<QueueConfigured.CannedResponse> cannedResponses) {
        this(name, requiredSkills, priority, serviceLevelSeconds, serviceLevelPercent, strategy, preferredAgentSeconds,
                offerTimeoutSeconds, maxWaitSeconds, overflowQueueId, relaxation, businessHours, timeZone, outsideHours, recordCalls,
                holidays, wrapUpSeconds, dispositions, cannedResponses, null);
    }
}
