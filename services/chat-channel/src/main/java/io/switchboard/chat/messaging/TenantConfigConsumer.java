package io.switchboard.chat.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.chat.domain.WidgetDirectory;
import io.switchboard.service.messaging.IncomingEvents;

/** Keeps the widget directory current from the tenants' configuration (their CHAT entry points). */
@ApplicationScoped
public class TenantConfigConsumer {

    private final WidgetDirectory directory;

    public TenantConfigConsumer(WidgetDirectory directory) {
        this.directory = directory;
    }

    @Incoming("tenant-config")
    public void consume(ConsumerRecord<String, byte[]> record) {
        IncomingEvents.decode(record).ifPresent(directory::accept);
    }
}
