package io.switchboard.routing.engine.model;

/** How a queue picks among the eligible agents with spare capacity. */
public enum Strategy {
    /** The agent idle the longest: the classic ACD rule. */
    LONGEST_IDLE,
    /** The highest proficiency on the queue's skills, ties by longest idle. */
    MOST_SKILLED,
    /** The fewest active contacts, ties by longest idle: digital multitasking. */
    LEAST_OCCUPIED,
    /** The agents in turn: the one offered a contact longest ago first, so offers spread evenly. */
    ROUND_ROBIN
}
