package io.switchboard.sms.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.service.messaging.IncomingEvents;

/** Keeps the number directory current from the tenants' configuration (their SMS entry points). */
@ApplicationScoped
public class TenantConfigConsumer {

    private final TenantDirectory directory;

    public TenantConfigConsumer(TenantDirectory directory) {
        this.directory = directory;
    }

    @Incoming("tenant-config")
    public void consume(ConsumerRecord<String, byte[]> record) {
        IncomingEvents.decode(record).ifPresent(directory::accept);
    }
}
