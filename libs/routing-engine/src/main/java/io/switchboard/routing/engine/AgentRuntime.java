package io.switchboard.routing.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.switchboard.routing.engine.model.AgentProfile;
import io.switchboard.routing.engine.model.AgentState;
import io.switchboard.events.Channel;

/** An agent's live routing state. Its sort keys only change while it is withdrawn from the ready sets. */
final class AgentRuntime {

    /**
     * A queue this agent can serve, from {@code minLevel} of relaxation on, with its skill score there;
     * {@code primary} when the queue requires the agent's strongest skill (or nothing).
     */
    record Membership(QueueRuntime queue, int minLevel, int score, boolean primary) {
    }

    final String id;
    AgentProfile profile;
    AgentState state = AgentState.OFFLINE;
    long idleSince;
    long wrapUpEnds;
    /** When this agent was last offered a contact, as the engine's offer count: the round-robin key. */
    long lastOffer;
    final int[] active = new int[Channel.values().length];
    int totalActive;
    int missedOffers;
    final Set<ContactRuntime> contacts = new LinkedHashSet<>();
    final List<Membership> memberships = new ArrayList<>();
    boolean listed;

    AgentRuntime(AgentProfile profile) {
        this.id = profile.id();
        this.profile = profile;
    }

    boolean hasSpare(Channel channel) {
        if (state != AgentState.AVAILABLE || active[channel.ordinal()] >= profile.capacityFor(channel)) {
            return false;
        }
        if (profile.blending()) {
            return true;
        }
        int voice = active[Channel.VOICE.ordinal()];
        return channel == Channel.VOICE ? totalActive == 0 : voice == 0;
    }

    boolean hasAnySpare() {
        for (Channel channel : Channel.values()) {
            if (hasSpare(channel)) {
                return true;
            }
        }
        return false;
    }

    boolean serves(String tenant) {
        return profile.tenants().contains(tenant);
    }
}
