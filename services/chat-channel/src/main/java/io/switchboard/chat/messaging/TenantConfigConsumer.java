package io.switchboard.chat.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.chat.domain.WidgetDirectory;
import io.switchboard.service.messaging.Refusals;

/** Keeps the widget directory current from the tenants' configuration (their CHAT entry points). */
@ApplicationScoped
public class TenantConfigConsumer {

    private final WidgetDirectory directory;
    private final Refusals refusals;

    public TenantConfigConsumer(WidgetDirectory directory, Refusals refusals) {
        this.directory = directory;
        this.refusals = refusals;
    }

    @Incoming("tenant-config")
    public void consume(ConsumerRecord<String, byte[]> record) {
        refusals.decode(record, "chat-channel/TenantConfigConsumer").ifPresent(directory::accept);
    }
}
