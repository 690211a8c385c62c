package io.switchboard.voice.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** Where each agent's phone can be reached, until its registration expires. */
@ApplicationScoped
public class Registrar {

    /** A phone's registration: its contact URI (where INVITEs go) and until when it holds. */
    public record Binding(String agentId, String contact, Instant expires) {
    }

    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();

    public void register(String agentId, String contact, Instant expires) {
        bindings.put(agentId, new Binding(agentId, contact, expires));
    }

    public void unregister(String agentId) {
        bindings.remove(agentId);
    }

    /** The agent's phone if it is registered now. */
    public Optional<Binding> lookup(String agentId, Instant now) {
        Binding binding = bindings.get(agentId);
        if (binding != null && binding.expires().isBefore(now)) {
            bindings.remove(agentId, binding);
            return Optional.empty();
        }
        return Optional.ofNullable(binding);
    }
}
