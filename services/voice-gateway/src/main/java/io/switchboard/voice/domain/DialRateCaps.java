package io.switchboard.voice.domain;

import java.time.Instant;
import java.util.Optional;

import io.switchboard.service.ratelimit.KeyedRateLimiter;

/**
 * How many calls to the public network an agent, and a whole tenant, may start per minute: a token
 * bucket each ({@link KeyedRateLimiter}, so bounded in memory), the agent's taken first so that one
 * agent over their cap does not use up the tenant's.
 */
public final class DialRateCaps {

    private final KeyedRateLimiter agents;
    private final KeyedRateLimiter tenants;

    public DialRateCaps(int perAgentPerMinute, int perTenantPerMinute, int maxTracked) {
        this.agents = new KeyedRateLimiter(perAgentPerMinute / 60.0, perAgentPerMinute, maxTracked);
        this.tenants = new KeyedRateLimiter(perTenantPerMinute / 60.0, perTenantPerMinute, maxTracked);
    }

    /**
     * Takes one call of {@code agentId} at {@code now}: empty when within both caps, else the cap it is over.
     * A call no agent placed (a campaign's predictive call; {@code agentId} null) counts against the tenant's cap only.
     */
    public Optional<DialRefusal.Reason> take(String tenantId, String agentId, Instant now) {
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        if (agentId != null && agents.acquire(tenantId + '/' + agentId, nanos).isPresent()) {
            return Optional.of(DialRefusal.Reason.AGENT_RATE);
        }
        if (tenants.acquire(tenantId, nanos).isPresent()) {
            return Optional.of(DialRefusal.Reason.TENANT_RATE);
        }
        return Optional.empty();
    }
}
