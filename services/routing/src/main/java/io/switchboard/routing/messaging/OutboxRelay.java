package io.switchboard.routing.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.switchboard.routing.persistence.RoutingStore;

/**
 * Publishes the outbox in order and deletes what Kafka acknowledged. A crash between the two
 * publishes some rows again, with the same event ids, which consumers drop.
 */
@ApplicationScoped
public class OutboxRelay implements Runnable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;

    private final RoutingStore store;
    private final KafkaClients kafka;
    private final Semaphore work = new Semaphore(0);
    private volatile boolean running;
    private Processor processor;
    private Thread thread;

    public OutboxRelay(RoutingStore store, KafkaClients kafka) {
        this.store = store;
        this.kafka = kafka;
    }

    public synchronized void start(Processor owner) {
        this.processor = owner;
        running = true;
        thread = new Thread(this, "routing-outbox");
        thread.start();
    }

    /** Called after a commit that queued events: publish now rather than at the next poll. */
    public void wake() {
        work.release();
    }

    @Override
    public void run() {
        try (KafkaProducer<String, byte[]> producer = kafka.producer("routing-outbox")) {
            while (running) {
                try {
                    List<RoutingStore.OutboxRow> rows = store.pendingOutbox(processor.ownedDomains(), BATCH);
                    if (rows.isEmpty()) {
                        work.tryAcquire(50, TimeUnit.MILLISECONDS);
                        work.drainPermits();
                        continue;
                    }
                    List<Future<RecordMetadata>> sends = new ArrayList<>();
                    for (RoutingStore.OutboxRow row : rows) {
                        sends.add(producer.send(record(row)));
                    }
                    for (Future<RecordMetadata> send : sends) {
                        send.get(30, TimeUnit.SECONDS);
                    }
                    store.deleteOutbox(rows.stream().map(RoutingStore.OutboxRow::id).toList());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    LOG.error("outbox relay failed; retrying", e);
                    Thread.sleep(Duration.ofSeconds(1).toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ProducerRecord<String, byte[]> record(RoutingStore.OutboxRow row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        OutboxHeaders.addTo(record.headers(), row.headers());
        return record;
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        work.release();
        if (thread != null) {
            thread.join(10_000);
        }
    }
}
