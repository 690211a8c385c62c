package io.switchboard.campaigns.messaging;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.switchboard.campaigns.domain.Directory;
import io.switchboard.events.AgentConfigured;
import io.switchboard.events.Channel;
import io.switchboard.events.PromptConfigured;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.service.messaging.Refusals;

/**
 * The configuration the campaign service checks against, kept in memory from the compacted configuration topic
 * (every instance reads all of it, in a group of its own): tenants' zones, regions and VOICE DIDs, queues' skills
 * and dispositions, agents' tenants and skills, and the tenants' prompts.
 */
@ApplicationScoped
public class ConfigDirectory implements Directory {

    private static final Logger LOG = Logger.getLogger(ConfigDirectory.class);

    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final Map<String, Agent> agents = new ConcurrentHashMap<>();
    private final Set<String> prompts = ConcurrentHashMap.newKeySet();
    private final Refusals refusals;

    public ConfigDirectory(Refusals refusals) {
        this.refusals = refusals;
    }

    @Incoming("campaigns-config")
    public void consume(ConsumerRecord<String, byte[]> record) {
        refusals.decode(record, "campaigns/ConfigDirectory").ifPresent(this::accept);
    }

    public void accept(SwitchboardEvent event) {
        if (event instanceof TenantConfigured t) {
            tenant(t);
        } else if (event instanceof QueueConfigured q) {
            queues.put(q.tenantId() + "/" + q.queueId(), new Queue(q.tenantId(), q.queueId(), Map.copyOf(q.requiredSkills()),
                    Set.copyOf(q.dispositions().stream().map(QueueConfigured.Disposition::code).toList())));
        } else if (event instanceof AgentConfigured a) {
            agents.put(a.agentId(), new Agent(a.agentId(), Set.copyOf(a.tenants()), Map.copyOf(a.skills()), a.active()));
        } else if (event instanceof PromptConfigured p) {
            if (p.active()) {
                prompts.add(p.tenantId() + "/" + p.name());
            } else {
                prompts.remove(p.tenantId() + "/" + p.name());
            }
        }
    }

    private void tenant(TenantConfigured t) {
        ZoneId zone;
        try {
            zone = ZoneId.of(t.timeZone());
        } catch (DateTimeException e) {
            LOG.warnf("tenant %s has time zone '%s', which is unknown; using UTC", t.tenantId(), t.timeZone());
            zone = ZoneId.of("UTC");
        }
        String region = t.defaultRegion() == null ? "ZZ" : t.defaultRegion();
        Set<String> dids = new HashSet<>();
        for (TenantConfigured.EntryPoint entry : t.entryPoints()) {
            if (entry.channel() == Channel.VOICE) {
                try {
                    dids.add(Address.phone(entry.address(), region).value());
                } catch (InvalidAddressException e) {
                    LOG.debugf("tenant %s's VOICE entry point '%s' is not a phone number; not a caller id", t.tenantId(), entry.address());
                }
            }
        }
        tenants.put(t.tenantId(), new Tenant(t.tenantId(), zone, region, Set.copyOf(dids)));
    }

    @Override
    public Optional<Tenant> tenant(String tenantId) {
        return Optional.ofNullable(tenants.get(tenantId));
    }

    @Override
    public Optional<Queue> queue(String tenantId, String queueId) {
        return Optional.ofNullable(queues.get(tenantId + "/" + queueId));
    }

    @Override
    public boolean hasPrompt(String tenantId, String name) {
        return PromptConfigured.BUILT_IN.contains(name) || prompts.contains(tenantId + "/" + name);
    }

    @Override
    public Optional<Agent> agent(String agentId) {
        return Optional.ofNullable(agents.get(agentId));
    }
}
