package io.switchboard.customer360.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.switchboard.customer360.persistence.TenantSettingEntity;
import io.switchboard.events.TenantConfigured;
import io.switchboard.service.messaging.IncomingEvents;

/** Keeps each tenant's default phone region, from the compacted configuration topic. */
@ApplicationScoped
public class TenantSettingsConsumer {

    private final Mutiny.SessionFactory sessions;

    public TenantSettingsConsumer(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Incoming("tenant-config")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return IncomingEvents.decode(record)
                .filter(TenantConfigured.class::isInstance)
                .map(TenantConfigured.class::cast)
                .map(tenant -> {
                    TenantSettingEntity setting = new TenantSettingEntity();
                    setting.tenantId = tenant.tenantId();
                    setting.defaultRegion = tenant.defaultRegion();
                    return sessions.withTransaction(session -> session.merge(setting)).replaceWithVoid();
                })
                .orElseGet(() -> Uni.createFrom().voidItem());
    }
}
