package io.switchboard.events;

/**
 * A configuration snapshot on a compacted topic (the config topic; phone credentials on their own):
 * the latest record per subject is the current configuration, so a consumer that reads the topic
 * from the start knows all of it.
 */
public sealed interface ConfigEvent extends SwitchboardEvent
        permits TenantConfigured, QueueConfigured, AgentConfigured, PromptConfigured, PhoneCredentialsConfigured {
}
