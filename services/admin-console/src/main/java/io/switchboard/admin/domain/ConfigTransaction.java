package io.switchboard.admin.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.switchboard.events.AgentConfigured;
import io.switchboard.events.Channel;
import io.switchboard.events.ConfigEvent;

/** Reads and writes of one transaction of the {@link ConfigStore}. */
public interface ConfigTransaction {

    /** Serialises changes to one tenant's configuration, so checks across its queues see a settled state. */
    void lockTenant(String tenantId);

    Optional<TenantSettings> tenant(String tenantId);

    Map<String, SkillSettings> skills(String tenantId);

    /** The tenant's queues, deleted ones left out. */
    Map<String, QueueSettings> queues(String tenantId);

    List<EntryPointSettings> entryPoints(String tenantId);

    /** The tenant that owns an address on a channel, if any does. */
    Optional<String> entryPointOwner(Channel channel, String address);

    void putTenant(String tenantId, TenantSettings tenant);

    void putSkill(String tenantId, String skillId, SkillSettings skill);

    void deleteSkill(String tenantId, String skillId);

    void putQueue(String tenantId, String queueId, QueueSettings queue);

    void deleteQueue(String tenantId, String queueId);

    void putEntryPoint(String tenantId, EntryPointSettings entryPoint);

    void deleteEntryPoint(String tenantId, Channel channel, String address);

    /** The tenant's recordings, by name (without their audio). */
    Map<String, PromptSettings> prompts(String tenantId);

    /** A recording's 8 kHz μ-law samples. */
    Optional<byte[]> promptAudio(String tenantId, String name);

    void putPrompt(String tenantId, String name, String description, byte[] ulaw);

    void deletePrompt(String tenantId, String name);

    Optional<PhoneCredentials> phoneCredentials(String agentId);

    /** The phone credentials of the agents a tenant administers. */
    List<PhoneCredentials> phoneCredentialsOf(String tenantId);

    void putPhoneCredentials(PhoneCredentials credentials);

    void deletePhoneCredentials(String agentId);

    /** The agents' profiles as last published, by agent id. */
    Map<String, AgentConfigured> publishedAgents();

    void recordPublishedAgent(AgentConfigured agent);

    void audit(AuditEntry entry);

    /** The tenant's audit log, newest first, from before {@code beforeId} (null: from the newest). */
    List<AuditRecord> auditLog(String tenantId, int limit, Long beforeId);

    /** Queues the event in the outbox; it is published after the transaction commits. */
    void publish(ConfigEvent event);
}
