package io.switchboard.voice.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.events.PromptConfigured;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.voice.domain.RecordingPolicy;
import io.switchboard.voice.domain.VoiceDirectory;
import io.switchboard.voice.media.PromptStore;

/**
 * The tenants' DIDs and their IVR menus, the queues that record, and the tenants' prompts, from the
 * compacted config topic (a group per instance, from the start).
 */
@ApplicationScoped
public class TenantConfigConsumer {

    private final VoiceDirectory directory;
    private final RecordingPolicy recording;
    private final PromptStore prompts;
    private final Refusals refusals;

    public TenantConfigConsumer(VoiceDirectory directory, RecordingPolicy recording, PromptStore prompts, Refusals refusals) {
        this.directory = directory;
        this.recording = recording;
        this.prompts = prompts;
        this.refusals = refusals;
    }

    @Incoming("tenant-config")
    public void consume(ConsumerRecord<String, byte[]> record) {
        refusals.decode(record, "voice-gateway/TenantConfigConsumer").ifPresent(event -> {
            directory.accept(event);
            recording.accept(event);
            if (event instanceof PromptConfigured prompt) {
                prompts.apply(prompt);
            }
        });
    }
}
