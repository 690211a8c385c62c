package io.switchboard.routing.domain;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.switchboard.events.SwitchboardEvent;

/**
 * What one input caused: the events to publish, the contacts, agents and queue-day counts whose
 * state changed, and, when the input cannot be routed at all, the reason to dead-letter it.
 */
public record Outcome(List<SwitchboardEvent> events, Set<String> contacts, Set<String> agents, Set<String> queues,
        Optional<Refusal> deadLetter) {

    public static Outcome refused(Refusal refusal) {
        return new Outcome(List.of(), Set.of(), Set.of(), Set.of(), Optional.of(refusal));
    }
}
