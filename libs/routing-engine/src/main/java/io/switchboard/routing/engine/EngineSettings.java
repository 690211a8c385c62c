package io.switchboard.routing.engine;

import java.time.Duration;

/**
 * Engine-wide rules.
 *
 * @param missedOffersBeforeAway consecutive declined or timed-out offers after which an agent is set away
 * @param agentTransferWindow    how long a contact transferred to a named agent is reserved for them
 */
public record EngineSettings(int missedOffersBeforeAway, Duration agentTransferWindow) {

    public EngineSettings {
        if (missedOffersBeforeAway < 1) {
            throw new IllegalArgumentException("missedOffersBeforeAway must be at least 1");
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(3, Duration.ofMinutes(5));
    }
}
