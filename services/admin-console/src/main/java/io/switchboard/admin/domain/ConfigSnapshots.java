package io.switchboard.admin.domain;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.switchboard.events.AgentConfigured;
import io.switchboard.events.PhoneCredentialsConfigured;
import io.switchboard.events.PromptConfigured;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.TenantConfigured;

/** Turns what admins configure into the contract's configuration snapshots, the only thing other services see. */
public final class ConfigSnapshots {

    private ConfigSnapshots() {
    }

    public static TenantConfigured tenant(String tenantId, TenantSettings tenant, List<EntryPointSettings> entryPoints, Instant at) {
        List<TenantConfigured.EntryPoint> points = entryPoints.stream()
                .map(e -> new TenantConfigured.EntryPoint(e.channel(), e.address(), e.queueId(), e.ivr() == null ? null : menu(e.ivr())))
                .toList();
        return new TenantConfigured(UUID.randomUUID(), tenantId, at, tenant.name(), tenant.timeZone(), tenant.defaultRegion(),
                tenant.routingDomain(), tenant.defaultQueueId(), points);
    }

    private static TenantConfigured.IvrMenu menu(IvrSettings ivr) {
        return new TenantConfigured.IvrMenu(ivr.prompt(),
                ivr.choices().stream().map(c -> new TenantConfigured.IvrChoice(c.key(), c.queueId())).toList(),
                ivr.timeoutSeconds(), ivr.timeoutQueueId(),
                ivr.branches().stream()
                        .map(b -> new TenantConfigured.TimeBranch(b.days(), b.from(), b.until(), b.prompt(), b.queueId())).toList());
    }

    public static PromptConfigured prompt(String tenantId, String name, String description, byte[] ulaw, Instant at) {
        return new PromptConfigured(UUID.randomUUID(), tenantId, at, name, description,
                ulaw == null ? null : Base64.getEncoder().encodeToString(ulaw), ulaw != null);
    }

    public static PhoneCredentialsConfigured phone(PhoneCredentials credentials, boolean active, Instant at) {
        return new PhoneCredentialsConfigured(UUID.randomUUID(), credentials.tenantId(), at, credentials.agentId(), credentials.realm(),
                active ? credentials.ha1() : null, active);
    }

    /**
     * A queue without hours of its own follows the tenant's, holidays included; either way a written
     * contact waiting while it is closed is sent the tenant's closed message. A deleted queue is published inactive.
     */
    public static QueueConfigured queue(String tenantId, String queueId, QueueSettings queue, TenantSettings tenant, boolean active,
            Instant at) {
        boolean own = !queue.businessHours().isEmpty();
        List<Opening> openings = own ? queue.businessHours() : tenant.businessHours();
        QueueConfigured.BusinessHours hours = openings.isEmpty() ? null
                : new QueueConfigured.BusinessHours(queue.timeZone() != null ? queue.timeZone() : tenant.timeZone(),
                        openings.stream().map(o -> new QueueConfigured.BusinessHours.Opening(o.day(), o.opens(), o.closes())).toList(),
                        queue.outsideHours(), own ? queue.holidays() : tenant.holidays(), tenant.closedMessage(), tenant.closedPrompt());
        return new QueueConfigured(UUID.randomUUID(), tenantId, at, queueId, queue.name(), queue.requiredSkills(), queue.priority(),
                new QueueConfigured.ServiceLevelTarget(queue.serviceLevelSeconds(), queue.serviceLevelPercent()), queue.strategy(),
                queue.preferredAgentSeconds(), queue.offerTimeoutSeconds(), queue.maxWaitSeconds(), queue.overflowQueueId(),
                queue.relaxation().stream()
                        .map(r -> new QueueConfigured.RelaxationStep(r.afterSeconds(), r.skill(), r.minimumProficiency()))
                        .toList(),
                hours, queue.recordCalls(), active, queue.wrapUpSeconds(), queue.dispositions(), queue.cannedResponses(),
                queue.agentSelection());
    }

    /** The agent as routing sees them; the first tenant they serve administers them. */
    public static AgentConfigured agent(AgentSettings agent, Instant at) {
        return new AgentConfigured(UUID.randomUUID(), agent.tenants().get(0), at, agent.username(), agent.displayName(),
                agent.tenants(), agent.skills(), agent.capacity(), agent.blending(), agent.enabled());
    }

    public static AgentConfigured retired(AgentConfigured agent, Instant at) {
        return new AgentConfigured(UUID.randomUUID(), agent.tenantId(), at, agent.agentId(), agent.displayName(), agent.tenants(),
                agent.skills(), agent.capacity(), agent.blending(), false);
    }

    /** Whether two snapshots of an agent say the same, whatever their event ids and times. */
    public static boolean sameAgent(AgentConfigured a, AgentConfigured b) {
        return a.tenantId().equals(b.tenantId()) && a.agentId().equals(b.agentId())
                && Objects.equals(a.displayName(), b.displayName()) && a.tenants().equals(b.tenants())
                && Map.copyOf(a.skills()).equals(Map.copyOf(b.skills())) && Map.copyOf(a.capacity()).equals(Map.copyOf(b.capacity()))
                && a.blending() == b.blending() && a.active() == b.active();
    }
}
