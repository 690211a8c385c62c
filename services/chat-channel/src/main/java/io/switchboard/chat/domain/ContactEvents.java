package io.switchboard.chat.domain;

import java.time.Duration;
import java.util.List;

import io.switchboard.events.SwitchboardEvent;

/**
 * Where the chat's events go (the port {@code messaging} implements with Kafka): each to its own topic,
 * returning only once the broker acknowledged every one of them, else throwing.
 */
public interface ContactEvents {

    void publish(List<? extends SwitchboardEvent> events, Duration timeout);
}
