package io.switchboard.routing.engine.model;

/**
 * How a queue's waiting contacts compete for an agent who becomes free and serves several queues
 * (the other half of routing, beside {@link Strategy}, which picks the agent for a new contact).
 * A queue is primary for an agent when it requires the agent's highest proficiency.
 */
public enum AgentSelection {
    /** The oldest (then highest-priority) contact across the agent's queues, whatever the skill. */
    OLDEST_FIRST,
    /**
     * Contacts of the agent's primary queues before the others, oldest first within each tier
     * (Wallace and Whitt's priority to the primary skill), except that a secondary queue's contact at
     * risk (it has waited a quarter of the service-level threshold and not yet all of it) comes first,
     * since it can still be answered in time. An arriving contact goes to the ready agent whose other
     * queues keep the most agents ready when it leaves, a primary agent on a tie.
     */
    PRIMARY_FIRST,
    /**
     * Primary queues first, and a secondary queue's contact is taken only while that queue is behind
     * its service-level target (its recent share answered in time is below the target), so agents
     * keep room for their own skill. An arriving contact goes to a ready primary agent; to a secondary
     * one only while the queue is behind.
     */
    THRESHOLD
}
