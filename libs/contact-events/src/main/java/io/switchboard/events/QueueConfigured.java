package io.switchboard.events;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
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
 */
public record QueueConfigured(UUID eventId, String tenantId, Instant occurredAt, String queueId, String name,
        Map<String, Integer> requiredSkills, int priority, ServiceLevelTarget serviceLevel, Strategy strategy,
        int preferredAgentSeconds, int offerTimeoutSeconds, int maxWaitSeconds, String overflowQueueId,
        List<RelaxationStep> relaxation, BusinessHours businessHours, boolean recordCalls, boolean active)
        implements ConfigEvent {

    public enum Strategy {
        LONGEST_IDLE, MOST_SKILLED, LEAST_OCCUPIED
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

    /** Weekly opening hours in an IANA time zone; outside them contacts overflow or wait. */
    public record BusinessHours(String timeZone, List<Opening> weekly, OutsideHours outsideHours) {

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
    }

    /** Queue ids are the tenant's own, so the key names the tenant too. */
    @Override
    public String subject() {
        return "queue:" + tenantId + ":" + queueId;
    }
}
