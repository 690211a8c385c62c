package io.switchboard.voice.domain;

import java.util.Optional;

import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.DialAudit;

/**
 * The one gate before a call leaves for the public network (an agent's own call, a transfer to a
 * number): the tenant's dial plan, then the rate caps; every refusal is audited. Requests that arrive
 * by Kafka pass here too, since the inbox's own checks do not bind another producer.
 */
public final class PublicDialing {

    private final DialPlan plan;
    private final DialRateCaps caps;
    private final DialAudit audit;
    private final Clock clock;

    public PublicDialing(DialPlan plan, DialRateCaps caps, DialAudit audit, Clock clock) {
        this.plan = plan;
        this.caps = caps;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Whether {@code agentId} may call {@code number} for {@code contactId} now (no agent, null: a campaign's
     * predictive call, under the tenant's cap only); a refusal is audited before it is returned.
     */
    Optional<DialRefusal.Reason> admit(String tenantId, String agentId, String contactId, String number) {
        Optional<DialRefusal.Reason> refused = plan.check(tenantId, number).or(() -> caps.take(tenantId, agentId, clock.now()));
        refused.ifPresent(reason -> audit.refused(new DialRefusal(tenantId, agentId, contactId, number, reason)));
        return refused;
    }
}
