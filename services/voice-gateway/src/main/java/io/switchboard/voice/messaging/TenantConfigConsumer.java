package io.switchboard.voice.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.service.messaging.IncomingEvents;
import io.switchboard.voice.domain.VoiceDirectory;

/** The tenants' DIDs, from the compacted config topic (a group per instance, from the start). */
@ApplicationScoped
public class TenantConfigConsumer {

    private final VoiceDirectory directory;

    public TenantConfigConsumer(VoiceDirectory directory) {
        this.directory = directory;
    }

    @Incoming("tenant-config")
    public void consume(ConsumerRecord<String, byte[]> record) {
        IncomingEvents.decode(record).ifPresent(directory::accept);
    }
}
