package io.switchboard.fax.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.service.messaging.Refusals;

/** Keeps the fax number directory current from the tenants' configuration. */
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
        refusals.decode(record, "fax-channel/TenantConfigConsumer").ifPresent(directory::accept);
    }
}
