package io.switchboard.events;

/** Whether the customer started the contact or the center did. */
public enum Direction {
    INBOUND, OUTBOUND
}
