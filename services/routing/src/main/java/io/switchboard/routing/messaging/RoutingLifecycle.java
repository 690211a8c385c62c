package io.switchboard.routing.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/** Starts routing in order: the internal topic, the re-keying ingest, the single writer, the outbox relay. */
@ApplicationScoped
public class RoutingLifecycle {

    private final KafkaClients kafka;
    private final Ingest ingest;
    private final Processor processor;
    private final OutboxRelay relay;

    public RoutingLifecycle(KafkaClients kafka, Ingest ingest, Processor processor, OutboxRelay relay) {
        this.kafka = kafka;
        this.ingest = ingest;
        this.processor = processor;
        this.relay = relay;
    }

    void start(@Observes StartupEvent startup) throws Exception {
        kafka.ensureCommandsTopic();
        relay.start(processor);
        processor.start(relay);
        ingest.start();
    }
}
