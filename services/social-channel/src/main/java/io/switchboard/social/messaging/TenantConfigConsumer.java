package io.switchboard.social.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.service.messaging.Refusals;

/** Keeps the account directory current from the tenants' configuration (their SOCIAL entry points). */
@ApplicationScoped
public class TenantConfigConsumer {

    private final SocialDirectory directory;
    private final Refusals refusals;

    public TenantConfigConsumer(SocialDirectory directory, Refusals refusals) {
        this.directory = directory;
        this.refusals = refusals;
    }

    @Incoming("tenant-config")
    public void consume(ConsumerRecord<String, byte[]> record) {
        refusals.decode(record, "social-channel/TenantConfigConsumer").ifPresent(directory::accept);
    }
}
