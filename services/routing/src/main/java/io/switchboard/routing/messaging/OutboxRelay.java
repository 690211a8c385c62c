package io.switchboard.routing.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
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
 *
 * <p>The processor hands each committed batch of rows straight to the relay, so the table is only
 * written, never read back, while all goes well. The table is read (drained, in id order) when the
 * relay starts, when the processor is given partitions (a previous owner may have left rows), and
 * after a failure. Handed rows that a drain already published are skipped by id: the single writer
 * inserts and commits its rows in id order, so a handed row with an id at or below the last drained
 * one was committed before that drain read it.
 */
@ApplicationScoped
public class OutboxRelay implements Runnable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;

    private final RoutingStore store;
    private final KafkaClients kafka;
    private final LinkedBlockingQueue<List<RoutingStore.OutboxRow>> committed = new LinkedBlockingQueue<>();
    private volatile boolean drain = true;
    private volatile boolean running;
    /** The highest id published by the last drain of the table. */
    private long drainedUpTo;
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

    /** Rows of a transaction that has just committed, in id order: publish them now. */
    public void committed(List<RoutingStore.OutboxRow> rows) {
        if (!rows.isEmpty()) {
            committed.add(rows);
        }
    }

    /** The table may hold rows nobody handed over (partitions just assigned): read it before anything else. */
    public void drainTable() {
        drain = true;
        committed.add(List.of());
    }

    @Override
    public void run() {
        try (KafkaProducer<String, byte[]> producer = kafka.producer("routing-outbox")) {
            while (running) {
                try {
                    if (drain) {
                        drain = false;
                        drain(producer);
                        continue;
                    }
                    List<RoutingStore.OutboxRow> first = committed.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    List<RoutingStore.OutboxRow> rows = new ArrayList<>(first);
                    for (List<RoutingStore.OutboxRow> more = committed.poll(); more != null && !drain; more = committed.poll()) {
                        rows.addAll(more);
                    }
                    Set<String> owned = processor.ownedDomains();
                    // Rows of domains given up meanwhile are the new owner's to publish, from the table.
                    rows.removeIf(row -> row.id() <= drainedUpTo || !owned.contains(row.domain()));
                    publish(producer, rows);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    LOG.error("outbox relay failed; reading the outbox table again", e);
                    drain = true;
                    Thread.sleep(Duration.ofSeconds(1).toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain(KafkaProducer<String, byte[]> producer) throws Exception {
        while (running) {
            List<RoutingStore.OutboxRow> rows = store.pendingOutbox(processor.ownedDomains(), BATCH);
            if (rows.isEmpty()) {
                return;
            }
            publish(producer, rows);
            drainedUpTo = Math.max(drainedUpTo, rows.get(rows.size() - 1).id());
        }
    }

    private void publish(KafkaProducer<String, byte[]> producer, List<RoutingStore.OutboxRow> rows) throws Exception {
        if (rows.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        for (RoutingStore.OutboxRow row : rows) {
            sends.add(producer.send(record(row)));
        }
        for (Future<RecordMetadata> send : sends) {
            send.get(30, TimeUnit.SECONDS);
        }
        store.deleteOutbox(rows.stream().map(RoutingStore.OutboxRow::id).toList());
    }

    private static ProducerRecord<String, byte[]> record(RoutingStore.OutboxRow row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        OutboxHeaders.addTo(record.headers(), row.headers());
        return record;
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        committed.add(List.of());
        if (thread != null) {
            thread.join(10_000);
        }
    }
}
