package io.switchboard.admin.domain;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.switchboard.events.AgentConfigured;

/**
 * Agents and supervisors, who are Keycloak users. Keycloak is written first, then the audit line
 * and the agent's snapshot commit together; when that commit fails, Keycloak is put back as it was,
 * so a change is never half applied. The periodic {@link #reconcile()} publishes what was changed
 * in Keycloak directly.
 */
public final class AgentService {

    private static final System.Logger LOG = System.getLogger(AgentService.class.getName());

    private final IdentityDirectory directory;
    private final ConfigStore store;
    private final ConfigPublisher publisher;
    private final Clock clock;
    private final PhoneService phones;

    public AgentService(IdentityDirectory directory, ConfigStore store, ConfigPublisher publisher, Clock clock, PhoneService phones) {
        this.directory = directory;
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
        this.phones = phones;
    }

    public List<AgentSettings> agents(Actor actor, String tenantId) {
        actor.requireRead(tenantId);
        return directory.serving(tenantId).stream()
                .sorted(java.util.Comparator.comparing(AgentSettings::username)).toList();
    }

    public AgentSettings agent(Actor actor, String tenantId, String username) {
        actor.requireRead(tenantId);
        return directory.find(username).filter(a -> a.tenants().contains(tenantId))
                .orElseThrow(() -> new NotFoundException("no agent '" + username + "' in tenant '" + tenantId + "'"));
    }

    /** Creates or changes the agent; the password is set when given (and required for a new agent). */
    public Change<AgentSettings> put(Actor actor, String tenantId, String username, AgentSettings requested, String password) {
        actor.requireWrite(tenantId);
        if (requested == null) {
            throw InvalidConfigurationException.of("", "an agent needs a body");
        }
        AgentSettings agent = new AgentSettings(username, requested.firstName(), requested.lastName(), requested.email(),
                requested.role(), requested.enabled(), requested.tenants(), requested.skills(), requested.capacity(),
                requested.blending());
        if (!agent.tenants().contains(tenantId)) {
            throw InvalidConfigurationException.of("tenants", "must include '" + tenantId + "', the tenant you are editing the agent in");
        }
        for (String tenant : agent.tenants()) {
            if (!actor.canWrite(tenant)) {
                throw new AccessDeniedException("you may not give an agent tenant '" + tenant + "'");
            }
        }
        Optional<AgentSettings> before = directory.find(username);
        if (before.isPresent()) {
            requireManageable(actor, tenantId, before.get());
        }
        store.inTransaction(tx -> {
            Set<String> existing = new HashSet<>();
            Set<String> catalogue = new HashSet<>();
            for (String tenant : agent.tenants()) {
                tx.tenant(tenant).ifPresent(t -> existing.add(tenant));
                catalogue.addAll(tx.skills(tenant).keySet());
            }
            ConfigValidator.agent(username, agent, catalogue, existing, password, before.isEmpty());
            return null;
        });
        if (before.isPresent() && before.get().equals(agent) && (password == null || password.isBlank())) {
            return new Change<>(agent, false, List.of());
        }
        if (before.isEmpty()) {
            directory.create(agent, password);
        } else {
            directory.update(agent, password);
        }
        try {
            store.inTransaction(tx -> {
                tx.audit(AuditEntry.of(actor, tenantId, "agent", username, before.orElse(null), agent));
                for (AgentConfigured change : AgentReconciler.changesFor(username, agent, tx.publishedAgents(), clock.instant())) {
                    tx.recordPublishedAgent(change);
                    tx.publish(change);
                    withdrawPhoneOfInactive(tx, actor, tenantId, change);
                }
                return null;
            });
        } catch (RuntimeException e) {
            undo(username, before.orElse(null));
            throw e;
        }
        publisher.flush();
        return new Change<>(agent, true, List.of());
    }

    public void delete(Actor actor, String tenantId, String username) {
        actor.requireWrite(tenantId);
        AgentSettings before = directory.find(username).filter(a -> a.tenants().contains(tenantId))
                .orElseThrow(() -> new NotFoundException("no agent '" + username + "' in tenant '" + tenantId + "'"));
        requireManageable(actor, tenantId, before);
        directory.delete(username);
        try {
            store.inTransaction(tx -> {
                tx.audit(AuditEntry.of(actor, tenantId, "agent", username, before, null));
                for (AgentConfigured change : AgentReconciler.changesFor(username, null, tx.publishedAgents(), clock.instant())) {
                    tx.recordPublishedAgent(change);
                    tx.publish(change);
                }
                phones.withdrawIfAny(tx, actor, tenantId, username);
                return null;
            });
        } catch (RuntimeException e) {
            // The user is gone from Keycloak already; the next reconcile publishes them inactive.
            LOG.log(System.Logger.Level.ERROR, "agent " + username + " was deleted in Keycloak but the audit line was not written", e);
            throw e;
        }
        publisher.flush();
    }

    /**
     * Publishes every agent whose Keycloak user changed since the last snapshot; returns how many.
     * An agent is held back until every tenant they serve is configured here: routing places an
     * agent in their tenant's routing domain, which only the tenant's snapshot names.
     */
    public int reconcile() {
        List<AgentSettings> agents = directory.agents();
        int changes = store.inTransaction(tx -> {
            List<AgentSettings> placeable = agents.stream()
                    .filter(a -> a.tenants().stream().allMatch(t -> tx.tenant(t).isPresent())).toList();
            List<AgentConfigured> changed = AgentReconciler.changes(placeable, tx.publishedAgents(), clock.instant());
            for (AgentConfigured change : changed) {
                tx.recordPublishedAgent(change);
                tx.publish(change);
                withdrawPhoneOfInactive(tx, null, change.tenantId(), change);
            }
            return changed.size();
        });
        if (changes > 0) {
            publisher.flush();
        }
        return changes;
    }

    /** A deleted or disabled agent's phone can no longer register: enabling them again needs a new phone password. */
    private void withdrawPhoneOfInactive(ConfigTransaction tx, Actor actor, String tenantId, AgentConfigured change) {
        if (!change.active()) {
            phones.withdrawIfAny(tx, actor, tenantId, change.agentId());
        }
    }

    /** An agent who also serves a tenant the admin does not administer is not theirs to change. */
    static void requireManageable(Actor actor, String tenantId, AgentSettings existing) {
        if (!existing.tenants().contains(tenantId)) {
            throw new ConflictException("username '" + existing.username() + "' is taken");
        }
        for (String tenant : existing.tenants()) {
            if (!actor.canWrite(tenant)) {
                throw new AccessDeniedException("agent '" + existing.username() + "' also serves tenant '" + tenant
                        + "', which you do not administer");
            }
        }
    }

    /** Puts Keycloak back: the user as before, or no user when the change created them. */
    private void undo(String username, AgentSettings before) {
        try {
            if (before == null) {
                directory.delete(username);
            } else {
                directory.update(before, null);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "could not undo the Keycloak change of " + username
                    + "; the next reconcile publishes Keycloak's state", e);
        }
    }
}
