package io.switchboard.routing.engine.model;

/**
 * How a queue's waiting contacts compete for an agent who becomes free and serves several queues
 * (the other half of routing, beside {@link Strategy}, which picks the agent for a new contact).
 * A queue's primary agents are those whose highest proficiency is in one of its required skills.
 */
public enum AgentSelection {
    /** The oldest (then highest-priority) contact across the agent's queues, whatever the skill. */
    OLDEST_FIRST,
    /**
     * Contacts of the agent's primary queues before the others, oldest first within each tier
     * (Wallace and Whitt's priority to the primary skill). An arriving contact also goes to a primary
     * agent before one for whom the queue is secondary.
     */
    PRIMARY_FIRST,
    /**
     * As PRIMARY_FIRST, and a secondary queue's contact is taken only while that queue is behind its
     * service-level target (its recent share answered in time is below the target), so agents keep
     * room for their own skill.
     */
    THRESHOLD
}
