package io.switchboard.routing.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.ConfigEvent;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.OfferAnswered;
import io.switchboard.events.TransferRequested;
import io.switchboard.events.WrapUpCompleted;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.domain.Domains;
import io.switchboard.routing.persistence.RoutingStore;
import io.switchboard.service.messaging.Refusals;

/**
 * Re-keys the inputs routing cares about by routing domain onto the internal commands topic, so
 * that one consumer of that topic owns each domain. Offsets are committed only after the copies
 * are acknowledged: a crash re-copies, and the processor drops the duplicates by event id.
 */
@ApplicationScoped
public class Ingest implements Runnable {

    private static final Logger LOG = Logger.getLogger(Ingest.class);
    static final String ROUTING_SOURCE = "/routing";
    /** How often consumed offsets are committed. */
    static final long COMMIT_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private final KafkaClients kafka;
    private final RoutingConfig config;
    private final RoutingStore store;
    private final Refusals refusals;
    private final Map<String, String> tenantDomains = new ConcurrentHashMap<>();
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public Ingest(KafkaClients kafka, RoutingConfig config, RoutingStore store, Refusals refusals) {
        this.kafka = kafka;
        this.config = config;
        this.store = store;
        this.refusals = refusals;
    }

    public synchronized void start() throws Exception {
        tenantDomains.putAll(store.tenantDomains());
        consumer = kafka.consumer("switchboard-routing-ingest", "routing-ingest");
        running = true;
        thread = new Thread(this, "routing-ingest");
        thread.start();
    }

    @Override
    public void run() {
        boolean uncommitted = false;
        long lastCommit = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = kafka.producer("routing-ingest-forward")) {
            forwardConfigurationFirst(producer);
            consumer.subscribe(List.of(Topics.CONTACTS, Topics.AGENTS, Topics.CONFIG));
            while (running) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> record : records) {
                    refusals.decoded(record, "routing/Ingest").ifPresent(decoded -> forward(record, decoded, producer));
                }
                if (!records.isEmpty()) {
                    producer.flush();
                    uncommitted = true;
                }
                // At most once a second and not waited for: each commit is a write on the broker, and
                // the copies made again after a crash are dropped by the processor.
                if (uncommitted && System.nanoTime() - lastCommit >= COMMIT_INTERVAL_NANOS) {
                    consumer.commitAsync();
                    uncommitted = false;
                    lastCommit = System.nanoTime();
                }
            }
        } catch (WakeupException stopping) {
            // Shutting down.
        } catch (RuntimeException e) {
            LOG.error("routing ingest stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Topics are not ordered against each other: a contact could overtake the configuration that
     * says which domain its tenant belongs to. So at start the whole configuration is read and
     * forwarded first; the group's own pass over it later forwards duplicates, which the processor
     * drops by event id.
     */
    private void forwardConfigurationFirst(KafkaProducer<String, byte[]> producer) {
        try (KafkaConsumer<String, byte[]> reader = kafka.transientConsumer("switchboard-routing-ingest-config-" + java.util.UUID.randomUUID(),
                "routing-ingest-config")) {
            List<org.apache.kafka.common.TopicPartition> partitions = reader.partitionsFor(Topics.CONFIG).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = reader.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> configuration = new java.util.ArrayList<>();
            while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
                reader.poll(Duration.ofMillis(200)).forEach(configuration::add);
            }
            // Tenants first: they say which domain their queues and agents belong to.
            configuration.sort(java.util.Comparator.comparingInt(record -> record.key() != null && record.key().startsWith("tenant:") ? 0 : 1));
            // Read again from the start at every start: a bad record here was answered when the group first read it.
            configuration.forEach(record -> {
                if (EventCodec.decode(record.value()) instanceof DecodeResult.Decoded decoded) {
                    forward(record, decoded, producer);
                }
            });
            producer.flush();
        }
    }

    /** What routing cannot read was answered before this, where the record's own topic and offset are known. */
    private void forward(ConsumerRecord<String, byte[]> record, DecodeResult.Decoded decoded, KafkaProducer<String, byte[]> producer) {
        SwitchboardEvent event = decoded.event();
        boolean relevant = event instanceof ContactCreated || event instanceof ContactEnded || event instanceof OfferAnswered
                || event instanceof TransferRequested || event instanceof WrapUpCompleted
                || event instanceof ConfigEvent
                || event instanceof AgentStateChanged && !ROUTING_SOURCE.equals(decoded.envelope().getSource().toString());
        if (!relevant) {
            return;
        }
        String domain = Domains.of(event, tenantDomains.get(event.tenantId()));
        if (event instanceof TenantConfigured tenant) {
            tenantDomains.put(tenant.tenantId(), domain);
        }
        ProducerRecord<String, byte[]> copy = new ProducerRecord<>(config.commandsTopic(), domain, record.value());
        for (Header header : record.headers()) {
            copy.headers().add(header);
        }
        copy.headers().add("switchboard-origin", (record.topic() + "/" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        producer.send(copy);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }
}
