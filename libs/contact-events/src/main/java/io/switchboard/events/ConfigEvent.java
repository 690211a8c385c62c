package io.switchboard.events;

/**
 * A configuration snapshot on the compacted config topic: the latest record per subject is the
 * current configuration, so a consumer that reads the topic from the start knows all of it.
 */
public sealed interface ConfigEvent extends SwitchboardEvent permits TenantConfigured, QueueConfigured, AgentConfigured {
}
