package io.switchboard.service.probe;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.service.messaging.IncomingEvents;
import io.switchboard.service.messaging.OutgoingEvents;

/** Test-only pipeline: decodes what arrives on probe-in and republishes it on probe-out. */
@ApplicationScoped
public class ProbeRelay {

    private static final URI SOURCE = URI.create("/probe");

    private final MutinyEmitter<byte[]> out;

    public ProbeRelay(@Channel("probe-out") MutinyEmitter<byte[]> out) {
        this.out = out;
    }

    @Incoming("probe-in")
    public Uni<Void> relay(ConsumerRecord<String, byte[]> record) {
        return IncomingEvents.decode(record)
                .map(event -> out.sendMessage(OutgoingEvents.message(event, SOURCE)))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }
}
