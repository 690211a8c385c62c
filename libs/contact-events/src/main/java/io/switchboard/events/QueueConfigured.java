package io.switchboard.events;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A queue: the skills its contacts need, how agents are chosen, its service-level target, how
 * requirements relax with waiting time, where contacts overflow, and its opening hours.
 *
 * @param requiredSkills        skill name to minimum proficiency (1-5)
 * @param strategy              how an agent is chosen among the eligible ones
 * @param preferredAgentSeconds how long the customer's last agent is tried first (0 = never)
 * @param offerTimeoutSeconds   ring-no-answer time of an offer
 * @param maxWaitSeconds        after this the contact overflows (0 = no limit)
 * @param wrapUpSeconds         after-contact work the agent gets when a contact of this queue ends (0 = none)
 * @param dispositions          the outcome codes agents choose from when they wrap a contact up
 * @param cannedResponses       prepared answers agents insert into a reply
 * @param agentSelection        how the queue's contacts compete for a free agent who serves other queues too
 */
public record QueueConfigured(UUID eventId, String tenantId, Instant occurredAt, String queueId, String name,
        Map<String, Integer> requiredSkills, int priority, ServiceLevelTarget serviceLevel, Strategy strategy,
        int preferredAgentSeconds, int offerTimeoutSeconds, int maxWaitSeconds, String overflowQueueId,
        List<RelaxationStep> relaxation, BusinessHours businessHours, boolean recordCalls, boolean active,
        Integer wrapUpSeconds, List<Disposition> dispositions, List<CannedResponse> cannedResponses,
        AgentSelection agentSelection)
        implements ConfigEvent {

    /**
     * Which waiting contact a free agent takes: the oldest of all their queues; those of the queues
     * that need their strongest skill first, except another queue's contact at risk of missing its
     * threshold, with a new contact going to the agent who leaves the most cover behind; or, as that,
     * and another queue's only while it is behind its service-level target. See docs/routing.md.
     */
    public enum AgentSelection {
        OLDEST_FIRST, PRIMARY_FIRST, THRESHOLD
    }

    /** ROUND_ROBIN takes the eligible agents in turn, each next after the one offered last. */
    public enum Strategy {
        LONGEST_IDLE, MOST_SKILLED, LEAST_OCCUPIED, ROUND_ROBIN
    }

    /** An outcome an agent records for a contact, such as {@code SOLD} or {@code CALLBACK}. */
    public record Disposition(String code, String label) {

        public Disposition {
            Require.present(code, "disposition code");
            label = label == null || label.isBlank() ? code : label;
        }
    }

    /** A prepared answer agents insert into a reply and edit before sending. */
    public record CannedResponse(String title, String text) {

        public CannedResponse {
            Require.present(title, "canned response title");
            Require.present(text, "canned response text");
        }
    }

    /** A day the queue stays closed all day, in the hours' time zone. */
    public record Holiday(LocalDate date, String name) {

        public Holiday {
            Require.present(date, "holiday date");
        }
    }

    /** For example 80% of contacts answered within 20 seconds. */
    public record ServiceLevelTarget(int thresholdSeconds, int targetPercent) {

        public ServiceLevelTarget {
            Require.between(targetPercent, 1, 100, "targetPercent");
            if (thresholdSeconds <= 0) {
                throw new IllegalArgumentException("thresholdSeconds must be positive");
            }
        }
    }

    /** After {@code afterSeconds} of waiting, lower a skill's minimum, or drop it when {@code minimumProficiency} is null. */
    public record RelaxationStep(int afterSeconds, String skill, Integer minimumProficiency) {

        public RelaxationStep {
            Require.present(skill, "relaxation skill");
            if (afterSeconds <= 0) {
                throw new IllegalArgumentException("relaxation afterSeconds must be positive");
            }
        }
    }

    /**
     * Weekly opening hours in an IANA time zone, and the holidays it stays closed; outside them
     * contacts overflow or wait, a written contact is sent {@code closedMessage} once and a caller hears
     * {@code closedPrompt} (a tenant's prompt, see {@link PromptConfigured}) once.
     */
    public record BusinessHours(String timeZone, List<Opening> weekly, OutsideHours outsideHours, List<Holiday> holidays,
            String closedMessage, String closedPrompt) {

        public enum OutsideHours {
            OVERFLOW, WAIT
        }

        public record Opening(DayOfWeek day, LocalTime opens, LocalTime closes) {

            public Opening {
                Require.present(day, "opening day");
                Require.present(opens, "opens");
                Require.present(closes, "closes");
            }
        }

        public BusinessHours {
            Require.present(timeZone, "business hours timeZone");
            weekly = Require.list(weekly);
            outsideHours = outsideHours == null ? OutsideHours.WAIT : outsideHours;
            holidays = Require.list(holidays);
            closedMessage = closedMessage == null || closedMessage.isBlank() ? null : closedMessage;
            closedPrompt = closedPrompt == null || closedPrompt.isBlank() ? null : closedPrompt;
        }

        /** Hours whose callers hear no closed prompt. */
        public BusinessHours(String timeZone, List<Opening> weekly, OutsideHours outsideHours, List<Holiday> holidays,
                String closedMessage) {
            this(timeZone, weekly, outsideHours, holidays, closedMessage, null);
        }

        /** Weekly hours without holidays or a closed message. */
        public BusinessHours(String timeZone, List<Opening> weekly, OutsideHours outsideHours) {
            this(timeZone, weekly, outsideHours, List.of(), null, null);
        }
    }

    public QueueConfigured {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(queueId, "queueId");
        Require.present(name, "name");
        requiredSkills = Require.map(requiredSkills);
        requiredSkills.forEach((skill, level) -> Require.between(level, 1, 5, "proficiency of " + skill));
        strategy = strategy == null ? Strategy.LONGEST_IDLE : strategy;
        relaxation = Require.list(relaxation);
        // Boxed so that snapshots written before the field existed still read, as 0.
        wrapUpSeconds = wrapUpSeconds == null ? 0 : wrapUpSeconds;
        if (wrapUpSeconds < 0) {
            throw new IllegalArgumentException("wrapUpSeconds must not be negative");
        }
        dispositions = Require.list(dispositions);
        Set<String> codes = new HashSet<>();
        dispositions.forEach(d -> {
            if (!codes.add(d.code())) {
                throw new IllegalArgumentException("disposition code " + d.code() + " appears twice");
            }
        });
        cannedResponses = Require.list(cannedResponses);
        agentSelection = agentSelection == null ? AgentSelection.OLDEST_FIRST : agentSelection;
    }

    /** A queue whose contacts go to a free agent oldest first. */
    public QueueConfigured(UUID eventId, String tenantId, Instant occurredAt, String queueId, String name,
            Map<String, Integer> requiredSkills, int priority, ServiceLevelTarget serviceLevel, Strategy strategy,
            int preferredAgentSeconds, int offerTimeoutSeconds, int maxWaitSeconds, String overflowQueueId,
            List<RelaxationStep> relaxation, BusinessHours businessHours, boolean recordCalls, boolean active,
            Integer wrapUpSeconds, List<Disposition> dispositions, List<CannedResponse> cannedResponses) {
        this(eventId, tenantId, occurredAt, queueId, name, requiredSkills, priority, serviceLevel, strategy, preferredAgentSeconds,
                offerTimeoutSeconds, maxWaitSeconds, overflowQueueId, relaxation, businessHours, recordCalls, active, wrapUpSeconds,
                dispositions, cannedResponses, AgentSelection.OLDEST_FIRST);
    }

    /** A queue without wrap-up time, dispositions or canned responses. */
    public QueueConfigured(UUID eventId, String tenantId, Instant occurredAt, String queueId, String name,
            Map<String, Integer> requiredSkills, int priority, ServiceLevelTarget serviceLevel, Strategy strategy,
            int preferredAgentSeconds, int offerTimeoutSeconds, int maxWaitSeconds, String overflowQueueId,
            List<RelaxationStep> relaxation, BusinessHours businessHours, boolean recordCalls, boolean active) {
        this(eventId, tenantId, occurredAt, queueId, name, requiredSkills, priority, serviceLevel, strategy, preferredAgentSeconds,
                offerTimeoutSeconds, maxWaitSeconds, overflowQueueId, relaxation, businessHours, recordCalls, active, 0, List.of(),
                List.of(), AgentSelection.OLDEST_FIRST);
    }

    /** Queue ids are the tenant's own, so the key names the tenant too. */
    @Override
    public String subject() {
        return "queue:" + tenantId + ":" + queueId;
    }
}
