package io.switchboard.admin.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.switchboard.events.Channel;
import io.switchboard.events.PromptConfigured;
import io.switchboard.events.QueueConfigured;

/**
 * Changes to tenants, skills, queues and entry points. Each change is checked, then written in one
 * transaction with its audit line and the snapshots it changes; the snapshots are published once
 * that transaction commits. Writing what is already there changes nothing.
 */
public final class ConfigurationService {

    private final ConfigStore store;
    private final ConfigPublisher publisher;
    private final Clock clock;

    public ConfigurationService(ConfigStore store, ConfigPublisher publisher, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ tenants

    public Optional<TenantSettings> tenant(Actor actor, String tenantId) {
        actor.requireRead(tenantId);
        return store.inTransaction(tx -> tx.tenant(tenantId));
    }

    /** The tenants of the caller's token that exist, with their settings. */
    public Map<String, TenantSettings> tenants(Actor actor) {
        return store.inTransaction(tx -> {
            Map<String, TenantSettings> tenants = new java.util.TreeMap<>();
            for (String id : actor.tenants()) {
                if (actor.canRead(id)) {
                    tx.tenant(id).ifPresent(t -> tenants.put(id, t));
                }
            }
            return tenants;
        });
    }

    public Change<TenantSettings> putTenant(Actor actor, String tenantId, TenantSettings tenant) {
        actor.requireWrite(tenantId);
        Identifiers.require(tenantId, "tenantId");
        Change<TenantSettings> change = store.inTransaction(tx -> {
            tx.lockTenant(tenantId);
            Map<String, QueueSettings> queues = tx.queues(tenantId);
            ConfigValidator.tenant(tenant, queues.keySet(), prompts(tx, tenantId));
            Optional<TenantSettings> before = tx.tenant(tenantId);
            if (before.isPresent() && before.get().equals(tenant)) {
                return new Change<>(tenant, false, List.of());
            }
            tx.putTenant(tenantId, tenant);
            tx.audit(AuditEntry.of(actor, tenantId, "tenant", tenantId, before.orElse(null), tenant));
            Instant now = clock.instant();
            tx.publish(ConfigSnapshots.tenant(tenantId, tenant, tx.entryPoints(tenantId), now));
            // Queues take the tenant's closed message and prompt, and its hours, zone and holidays when they have none of their own.
            queues.forEach((queueId, queue) -> {
                QueueConfigured after = ConfigSnapshots.queue(tenantId, queueId, queue, tenant, true, now);
                if (before.isEmpty() || !Objects.equals(after.businessHours(),
                        ConfigSnapshots.queue(tenantId, queueId, queue, before.get(), true, now).businessHours())) {
                    tx.publish(after);
                }
            });
            return new Change<>(tenant, true, List.of());
        });
        return published(change);
    }

    // ------------------------------------------------------------------ skills

    public Map<String, SkillSettings> skills(Actor actor, String tenantId) {
        actor.requireRead(tenantId);
        return store.inTransaction(tx -> {
            requireTenant(tx, tenantId);
            return tx.skills(tenantId);
        });
    }

    public Change<SkillSettings> putSkill(Actor actor, String tenantId, String skillId, SkillSettings skill) {
        actor.requireWrite(tenantId);
        ConfigValidator.skill(skillId, skill);
        return store.inTransaction(tx -> {
            tx.lockTenant(tenantId);
            requireTenant(tx, tenantId);
            SkillSettings before = tx.skills(tenantId).get(skillId);
            if (skill.equals(before)) {
                return new Change<>(skill, false, List.of());
            }
            tx.putSkill(tenantId, skillId, skill);
            tx.audit(AuditEntry.of(actor, tenantId, "skill", skillId, before, skill));
            return new Change<>(skill, true, List.of());
        });
    }

    /** A skill a queue still requires cannot go: the queue would wait for agents nobody can name. */
    public void deleteSkill(Actor actor, String tenantId, String skillId) {
        actor.requireWrite(tenantId);
        store.inTransaction(tx -> {
            tx.lockTenant(tenantId);
            SkillSettings before = tx.skills(tenantId).get(skillId);
            if (before == null) {
                throw new NotFoundException("no skill '" + skillId + "' in tenant '" + tenantId + "'");
            }
            List<String> users = tx.queues(tenantId).entrySet().stream()
                    .filter(e -> e.getValue().requiredSkills().containsKey(skillId))
                    .map(Map.Entry::getKey).sorted().toList();
            if (!users.isEmpty()) {
                throw new ConflictException("skill '" + skillId + "' is required by queue(s) " + String.join(", ", users)
                        + "; change those queues first");
            }
            tx.deleteSkill(tenantId, skillId);
            tx.audit(AuditEntry.of(actor, tenantId, "skill", skillId, before, null));
            return null;
        });
    }

    // ------------------------------------------------------------------ queues

    public Map<String, QueueSettings> queues(Actor actor, String tenantId) {
        actor.requireRead(tenantId);
        return store.inTransaction(tx -> {
            requireTenant(tx, tenantId);
            return tx.queues(tenantId);
        });
    }

    public Change<QueueSettings> putQueue(Actor actor, String tenantId, String queueId, QueueSettings queue) {
        actor.requireWrite(tenantId);
        Change<QueueSettings> change = store.inTransaction(tx -> {
            tx.lockTenant(tenantId);
            TenantSettings tenant = requireTenant(tx, tenantId);
            Map<String, QueueSettings> queues = tx.queues(tenantId);
            Map<String, String> overflows = new HashMap<>();
            queues.forEach((id, q) -> {
                if (!id.equals(queueId)) {
                    overflows.put(id, q.overflowQueueId());
                }
            });
            ConfigValidator.queue(queueId, queue, tx.skills(tenantId).keySet(), overflows);
            List<String> warnings = QueueCoverage.warnings(tenantId, queue, tx.publishedAgents().values());
            QueueSettings before = queues.get(queueId);
            if (queue.equals(before)) {
                return new Change<>(queue, false, warnings);
            }
            tx.putQueue(tenantId, queueId, queue);
            tx.audit(AuditEntry.of(actor, tenantId, "queue", queueId, before, queue));
            tx.publish(ConfigSnapshots.queue(tenantId, queueId, queue, tenant, true, clock.instant()));
            return new Change<>(queue, true, warnings);
        });
        return published(change);
    }

    /** A queue that entry points lead to, that others overflow to or that is the tenant's default cannot go. */
    public void deleteQueue(Actor actor, String tenantId, String queueId) {
        actor.requireWrite(tenantId);
        store.inTransaction(tx -> {
            tx.lockTenant(tenantId);
            TenantSettings tenant = requireTenant(tx, tenantId);
            Map<String, QueueSettings> queues = tx.queues(tenantId);
            QueueSettings before = queues.get(queueId);
            if (before == null) {
                throw new NotFoundException("no queue '" + queueId + "' in tenant '" + tenantId + "'");
            }
            if (queueId.equals(tenant.defaultQueueId())) {
                throw new ConflictException("queue '" + queueId + "' is the tenant's default queue; choose another default first");
            }
            List<String> overflowing = queues.entrySet().stream()
                    .filter(e -> queueId.equals(e.getValue().overflowQueueId())).map(Map.Entry::getKey).sorted().toList();
            if (!overflowing.isEmpty()) {
                throw new ConflictException("queue(s) " + String.join(", ", overflowing) + " overflow to '" + queueId + "'");
            }
            List<String> points = tx.entryPoints(tenantId).stream()
                    .filter(e -> e.queueId().equals(queueId) || (e.ivr() != null && e.ivr().queues().contains(queueId)))
                    .map(e -> e.channel() + " " + e.address()).toList();
            if (!points.isEmpty()) {
                throw new ConflictException("entry point(s) " + String.join(", ", points) + " lead to '" + queueId + "'");
            }
            tx.deleteQueue(tenantId, queueId);
            tx.audit(AuditEntry.of(actor, tenantId, "queue", queueId, before, null));
            tx.publish(ConfigSnapshots.queue(tenantId, queueId, before, tenant, false, clock.instant()));
            return null;
        });
        publisher.flush();
    }

    // ------------------------------------------------------------------ entry points

    public List<EntryPointSettings> entryPoints(Actor actor, String tenantId) {
        actor.requireRead(tenantId);
        return store.inTransaction(tx -> {
            requireTenant(tx, tenantId);
            return tx.entryPoints(tenantId);
        });
    }

    /** Adds the entry point or points it at another queue; an address belongs to one entry point only. */
    public Change<EntryPointSettings> putEntryPoint(Actor actor, String tenantId, EntryPointSettings entryPoint) {
        actor.requireWrite(tenantId);
        Change<EntryPointSettings> change = store.inTransaction(tx -> {
            tx.lockTenant(tenantId);
            TenantSettings tenant = requireTenant(tx, tenantId);
            EntryPointSettings normalised = ConfigValidator.entryPoint(entryPoint, tenant.defaultRegion(), tx.queues(tenantId).keySet(),
                    prompts(tx, tenantId));
            Optional<String> owner = tx.entryPointOwner(normalised.channel(), normalised.address());
            if (owner.isPresent() && !owner.get().equals(tenantId)) {
                throw new ConflictException(normalised.channel() + " address " + normalised.address()
                        + " already belongs to another tenant's entry point");
            }
            List<EntryPointSettings> points = tx.entryPoints(tenantId);
            EntryPointSettings before = find(points, normalised.channel(), normalised.address());
            if (normalised.equals(before)) {
                return new Change<>(normalised, false, List.of());
            }
            tx.putEntryPoint(tenantId, normalised);
            tx.audit(AuditEntry.of(actor, tenantId, "entry-point", normalised.channel() + ":" + normalised.address(), before, normalised));
            tx.publish(ConfigSnapshots.tenant(tenantId, tenant, tx.entryPoints(tenantId), clock.instant()));
            return new Change<>(normalised, true, List.of());
        });
        return published(change);
    }

    public void deleteEntryPoint(Actor actor, String tenantId, Channel channel, String address) {
        actor.requireWrite(tenantId);
        store.inTransaction(tx -> {
            tx.lockTenant(tenantId);
            TenantSettings tenant = requireTenant(tx, tenantId);
            EntryPointSettings before = find(tx.entryPoints(tenantId), channel, address);
            if (before == null) {
                throw new NotFoundException("no " + channel + " entry point '" + address + "' in tenant '" + tenantId + "'");
            }
            tx.deleteEntryPoint(tenantId, channel, before.address());
            tx.audit(AuditEntry.of(actor, tenantId, "entry-point", channel + ":" + before.address(), before, null));
            tx.publish(ConfigSnapshots.tenant(tenantId, tenant, tx.entryPoints(tenantId), clock.instant()));
            return null;
        });
        publisher.flush();
    }

    // ------------------------------------------------------------------ audit

    /** The tenant's audit log, newest first, from before {@code beforeId} (null: from the newest). */
    public List<AuditRecord> auditLog(Actor actor, String tenantId, int limit, Long beforeId) {
        actor.requireRead(tenantId);
        if (limit < 1 || limit > 1000) {
            throw InvalidConfigurationException.of("limit", "must be from 1 to 1000");
        }
        return store.inTransaction(tx -> tx.auditLog(tenantId, limit, beforeId));
    }

    // ------------------------------------------------------------------ helpers

    private static EntryPointSettings find(List<EntryPointSettings> points, Channel channel, String address) {
        return points.stream().filter(e -> e.channel() == channel && Objects.equals(e.address(), address)).findFirst().orElse(null);
    }

    /** The prompts a tenant's menus and closed prompt may name: its own recordings and the voice gateway's built-in ones. */
    static Set<String> prompts(ConfigTransaction tx, String tenantId) {
        Set<String> names = new HashSet<>(tx.prompts(tenantId).keySet());
        names.addAll(PromptConfigured.BUILT_IN);
        return names;
    }

    static TenantSettings requireTenant(ConfigTransaction tx, String tenantId) {
        return tx.tenant(tenantId).orElseThrow(() -> new NotFoundException("no tenant '" + tenantId + "'"));
    }

    private <T> Change<T> published(Change<T> change) {
        if (change.changed()) {
            publisher.flush();
        }
        return change;
    }
}
