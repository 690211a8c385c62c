package io.switchboard.voice.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.events.PhoneCredentialsConfigured;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.voice.domain.PhoneCredentials;

/**
 * Agents' phone credentials from the compacted {@code switchboard.phone-credentials.v1} (a group per
 * instance, from the start, as the config topic): every instance checks every phone's REGISTER.
 */
@ApplicationScoped
public class PhoneCredentialsConsumer {

    private final PhoneCredentials phones;
    private final Refusals refusals;

    public PhoneCredentialsConsumer(PhoneCredentials phones, Refusals refusals) {
        this.phones = phones;
        this.refusals = refusals;
    }

    @Incoming("phone-credentials")
    public void consume(ConsumerRecord<String, byte[]> record) {
        refusals.decode(record, "voice-gateway/PhoneCredentialsConsumer").ifPresent(event -> {
            if (event instanceof PhoneCredentialsConfigured credentials) {
                phones.apply(credentials);
            }
        });
    }
}
