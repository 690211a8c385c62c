package io.switchboard.email.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.email.domain.EmailDirectory;
import io.switchboard.service.messaging.IncomingEvents;

/** Keeps the address directory current from the tenants' configuration (their EMAIL entry points). */
@ApplicationScoped
public class TenantConfigConsumer {

    private final EmailDirectory directory;

    public TenantConfigConsumer(EmailDirectory directory) {
        this.directory = directory;
    }

    @Incoming("tenant-config")
    public void consume(ConsumerRecord<String, byte[]> record) {
        IncomingEvents.decode(record).ifPresent(directory::accept);
    }
}
