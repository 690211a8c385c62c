package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A command to the voice gateway about a live call. On the voice outbound topic, keyed by the contact
 * id; the gateway instance that holds the call acts on it.
 * <ul>
 * <li>{@code HOLD}, {@code RESUME}: from the agent holding the call ({@code agentId}): the caller is put on
 * hold (they hear hold audio, the agent hears nothing) or taken off it.</li>
 * <li>{@code LISTEN}, {@code WHISPER}, {@code BARGE}, {@code LEAVE}: from a supervisor of the call's tenant
 * monitoring it; {@code agentId} is then the supervisor, whose registered phone the gateway calls and
 * joins to the call. LISTEN: the supervisor hears caller and agent, nobody hears the supervisor;
 * WHISPER: the agent hears the supervisor too, the caller does not; BARGE: both hear the supervisor.
 * A supervisor already joined switches mode with another of these three (no new call to their phone);
 * LEAVE releases their phone and the call goes on. The publisher checks the supervisor's role and
 * tenant before publishing.</li>
 * </ul>
 */
public record CallControlRequested(UUID eventId, String tenantId, Instant occurredAt, String contactId, String agentId,
        Action action) implements ContactEvent {

    public enum Action {
        HOLD, RESUME, LISTEN, WHISPER, BARGE, LEAVE
    }

    public CallControlRequested {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(agentId, "agentId");
        Require.present(action, "action");
    }
}
