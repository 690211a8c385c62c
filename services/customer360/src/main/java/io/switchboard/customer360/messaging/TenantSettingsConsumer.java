package io.switchboard.customer360.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.switchboard.customer360.persistence.TenantSettingEntity;
import io.switchboard.events.TenantConfigured;

/** Keeps each tenant's default phone region, from the compacted configuration topic. */
@ApplicationScoped
public class TenantSettingsConsumer {

    private final Mutiny.SessionFactory sessions;
    private final Refused refused;

    public TenantSettingsConsumer(Mutiny.SessionFactory sessions, Refused refused) {
        this.sessions = sessions;
        this.refused = refused;
    }

    @Incoming("tenant-config")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        Refused.Batch batch = refused.batch("customer360/TenantSettingsConsumer");
        return batch.take(record)
                .filter(TenantConfigured.class::isInstance)
                .map(TenantConfigured.class::cast)
                .map(tenant -> {
                    TenantSettingEntity setting = new TenantSettingEntity();
                    setting.tenantId = tenant.tenantId();
                    setting.defaultRegion = tenant.defaultRegion();
                    return sessions.withTransaction(session -> session.merge(setting)).replaceWithVoid();
                })
                .orElseGet(batch::deadLetters);
    }
}
