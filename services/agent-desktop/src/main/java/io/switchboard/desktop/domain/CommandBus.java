package io.switchboard.desktop.domain;

import java.time.Duration;

import io.switchboard.events.SwitchboardEvent;

/**
 * Where the agents' commands go (presence, offer answers, transfers, replies, wrap-ups, calls), the
 * port {@code messaging} implements: each event to its own topic, returning once the broker
 * acknowledged it, or throwing when it did not within {@code timeout}.
 */
public interface CommandBus {

    void publish(SwitchboardEvent event, Duration timeout);
}
