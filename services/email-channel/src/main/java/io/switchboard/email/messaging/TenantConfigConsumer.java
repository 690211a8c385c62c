package io.switchboard.email.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.email.domain.EmailDirectory;
import io.switchboard.service.messaging.Refusals;

/** Keeps the address directory current from the tenants' configuration (their EMAIL entry points). */
@ApplicationScoped
public class TenantConfigConsumer {

    private final EmailDirectory directory;
    private final Refusals refusals;

    public TenantConfigConsumer(EmailDirectory directory, Refusals refusals) {
        this.directory = directory;
        this.refusals = refusals;
    }

    @Incoming("tenant-config")
    public void consume(ConsumerRecord<String, byte[]> record) {
        refusals.decode(record, "email-channel/TenantConfigConsumer").ifPresent(directory::accept);
    }
}
