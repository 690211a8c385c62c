package io.switchboard.routing.engine.model;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A queue as configured.
 *
 * @param requiredSkills        skill to minimum proficiency (1-5)
 * @param priority              0-9; added to each contact's own priority
 * @param preferredAgentWindow  how long a contact waits for its preferred agent before anyone may take it
 * @param offerTimeout          ring-no-answer time
 * @param maxWait               after this the contact overflows, or is abandoned without an overflow queue; zero = no limit
 * @param relaxation            ordered by {@code after}; each lowers or drops one skill for contacts that waited that long
 * @param hours                 null = always open
 * @param wrapUp                after-call work granted to the agent when a contact of this queue ends
 * @param agentSelection        how its contacts compete for a free agent who serves other queues too
 */
public record QueueConfig(String id, String tenant, Map<String, Integer> requiredSkills, int priority,
        ServiceLevel serviceLevel, Strategy strategy, Duration preferredAgentWindow, Duration offerTimeout,
        Duration maxWait, String overflowQueueId, List<Relaxation> relaxation, BusinessHours hours, Duration wrapUp,
        AgentSelection agentSelection) {

    public record ServiceLevel(Duration threshold, double targetShare) {
    }

    /** After {@code after} of waiting, {@code skill}'s minimum becomes {@code minimum}, or the skill is dropped when null. */
    public record Relaxation(Duration after, String skill, Integer minimum) {
    }

    public record Opening(DayOfWeek day, LocalTime opens, LocalTime closes) {
    }

    public enum OutsideHours {
        OVERFLOW, WAIT
    }

    /** Weekly openings in a zone; closed all day on {@code holidays} (dates in that zone). */
    public record BusinessHours(ZoneId zone, List<Opening> weekly, OutsideHours outside, Set<LocalDate> holidays) {

        /** Far enough to pass any run of holidays, short enough to stop on hours that never open. */
        private static final int DAYS_SEARCHED = 400;

        public BusinessHours {
            weekly = List.copyOf(weekly);
            holidays = Set.copyOf(holidays == null ? Set.of() : holidays);
        }

        public BusinessHours(ZoneId zone, List<Opening> weekly, OutsideHours outside) {
            this(zone, weekly, outside, Set.of());
        }

        public boolean isOpen(Instant at) {
            ZonedDateTime local = at.atZone(zone);
            if (holidays.contains(local.toLocalDate())) {
                return false;
            }
            LocalTime time = local.toLocalTime();
            for (Opening opening : weekly) {
                if (opening.day() == local.getDayOfWeek() && !time.isBefore(opening.opens()) && time.isBefore(opening.closes())) {
                    return true;
                }
            }
            return false;
        }

        /** The first moment after {@code at} at which an opening starts, skipping holidays; empty when none ever does. */
        public Optional<Instant> nextOpening(Instant at) {
            LocalDate day = at.atZone(zone).toLocalDate();
            for (int i = 0; i < DAYS_SEARCHED; i++, day = day.plusDays(1)) {
                if (holidays.contains(day)) {
                    continue;
                }
                Instant earliest = null;
                for (Opening opening : weekly) {
                    if (opening.day() != day.getDayOfWeek() || !opening.opens().isBefore(opening.closes())) {
                        continue;
                    }
                    Instant opens = day.atTime(opening.opens()).atZone(zone).toInstant();
                    if (opens.isAfter(at) && (earliest == null || opens.isBefore(earliest))) {
                        earliest = opens;
                    }
                }
                if (earliest != null) {
                    return Optional.of(earliest);
                }
            }
            return Optional.empty();
        }
    }

    public QueueConfig {
        requiredSkills = Map.copyOf(requiredSkills == null ? Map.of() : requiredSkills);
        strategy = strategy == null ? Strategy.LONGEST_IDLE : strategy;
        serviceLevel = serviceLevel == null ? new ServiceLevel(Duration.ofSeconds(20), 0.8) : serviceLevel;
        preferredAgentWindow = preferredAgentWindow == null ? Duration.ZERO : preferredAgentWindow;
        offerTimeout = offerTimeout == null ? Duration.ofSeconds(20) : offerTimeout;
        maxWait = maxWait == null ? Duration.ZERO : maxWait;
        relaxation = List.copyOf(relaxation == null ? List.of() : relaxation);
        wrapUp = wrapUp == null ? Duration.ZERO : wrapUp;
        agentSelection = agentSelection == null ? AgentSelection.OLDEST_FIRST : agentSelection;
    }

    /** A queue whose contacts go to a free agent oldest first. */
    public QueueConfig(String id, String tenant, Map<String, Integer> requiredSkills, int priority,
            ServiceLevel serviceLevel, Strategy strategy, Duration preferredAgentWindow, Duration offerTimeout,
            Duration maxWait, String overflowQueueId, List<Relaxation> relaxation, BusinessHours hours, Duration wrapUp) {
        this(id, tenant, requiredSkills, priority, serviceLevel, strategy, preferredAgentWindow, offerTimeout, maxWait,
                overflowQueueId, relaxation, hours, wrapUp, AgentSelection.OLDEST_FIRST);
    }

    /** A plain queue: these skills, longest idle, no relaxation, overflow or hours. */
    public static QueueConfig simple(String id, String tenant, Map<String, Integer> requiredSkills) {
        return new QueueConfig(id, tenant, requiredSkills, 0, null, Strategy.LONGEST_IDLE, null, null, null, null,
                List.of(), null, null);
    }

    public QueueConfig withStrategy(Strategy newStrategy) {
        return new QueueConfig(id, tenant, requiredSkills, priority, serviceLevel, newStrategy, preferredAgentWindow,
                offerTimeout, maxWait, overflowQueueId, relaxation, hours, wrapUp, agentSelection);
    }

    public QueueConfig withAgentSelection(AgentSelection selection) {
        return new QueueConfig(id, tenant, requiredSkills, priority, serviceLevel, strategy, preferredAgentWindow,
                offerTimeout, maxWait, overflowQueueId, relaxation, hours, wrapUp, selection);
    }
}
