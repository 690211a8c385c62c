package io.switchboard.sms.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.service.messaging.Refusals;

/** Keeps the number directory current from the tenants' configuration (their SMS entry points). */
@ApplicationScoped
public class TenantConfigConsumer {

    private final TenantDirectory directory;
    private final Refusals refusals;

    public TenantConfigConsumer(TenantDirectory directory, Refusals refusals) {
        this.directory = directory;
        this.refusals = refusals;
    }

    @Incoming("tenant-config")
    public void consume(ConsumerRecord<String, byte[]> record) {
        refusals.decode(record, "sms-channel/TenantConfigConsumer").ifPresent(directory::accept);
    }
}
