package io.switchboard.voice.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.service.messaging.IncomingEvents;
import io.switchboard.voice.domain.RecordingPolicy;
import io.switchboard.voice.domain.VoiceDirectory;

/** The tenants' DIDs and the queues that record, from the compacted config topic (a group per instance, from the start). */
@ApplicationScoped
public class TenantConfigConsumer {

    private final VoiceDirectory directory;
    private final RecordingPolicy recording;

    public TenantConfigConsumer(VoiceDirectory directory, RecordingPolicy recording) {
        this.directory = directory;
        this.recording = recording;
    }

    @Incoming("tenant-config")
    public void consume(ConsumerRecord<String, byte[]> record) {
        IncomingEvents.decode(record).ifPresent(event -> {
            directory.accept(event);
            recording.accept(event);
        });
    }
}
