package io.switchboard.local;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.switchboard.events.Topics;

/**
 * Three brokers, the contacts topic as production has it (6 partitions, replication factor 3,
 * min.insync.replicas 2) and a producer with the services' settings (acks=all, idempotent) at a fixed
 * rate. Part way the broker that leads the most partitions is killed with -9, and later started again,
 * while the load goes on. Then a reader that knows nothing of the producer reads the topic and must find
 * every acknowledged record exactly once. The figures go to target/kafka-cluster/report.json; see
 * "Losing a Kafka broker" in docs/operations.md.
 */
@Tag("e2e")
class KafkaBrokerLossTest {

    private static final Path DIR = Path.of("target/kafka-cluster").toAbsolutePath();
    private static final String TOPIC = Topics.CONTACTS;
    private static final int PARTITIONS = Topics.all().stream().filter(spec -> spec.name().equals(TOPIC)).findFirst()
            .orElseThrow().partitions();
    private static final short REPLICATION_FACTOR = 3;
    private static final int MIN_INSYNC_REPLICAS = 2;

    private static final int RATE_PER_SECOND = 300;
    private static final Duration BEFORE_KILL = Duration.ofSeconds(15);
    private static final Duration DOWN = Duration.ofSeconds(20);
    private static final Duration AFTER_RESTART = Duration.ofSeconds(10);
    private static final Duration LOAD = BEFORE_KILL.plus(DOWN).plus(AFTER_RESTART);
    /** The first seconds of load meet three freshly started JVMs; their latencies are reported apart. */
    private static final Duration WARM_UP = Duration.ofSeconds(5);

    /*
     * The stated bounds. Kafka fences a broker that stopped heartbeating after broker.session.timeout.ms
     * (9 s by default) and only then moves its leaderships and shrinks the ISRs, so acks=all writes on every
     * partition stall for about that long; 20 s leaves room for a loaded machine. Steady latency is tens of
     * milliseconds; the bounds are loose enough that a busy 2-core machine does not fail them.
     */
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(20);
    private static final double STEADY_P99_BOUND_MS = 2_000;
    private static final double REJOIN_P99_BOUND_MS = 5_000;
    private static final Duration START_BOUND = Duration.ofSeconds(60);
    private static final Duration ISR_BOUND = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static {
        // The clients' INFO lines (thousands over a failover) would bury the build log; the brokers' go to their own files.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    }

    /** The node to kill: the one leading the most partitions, and whether it is also the quorum's leader. */
    record Victim(int node, List<Integer> ledPartitions, boolean wasActiveController, Map<Integer, Integer> leadersBefore) {
    }

    /** When the killed node was started again, registered again, and back in every partition's ISR; who led then. */
    record Rejoin(long restartedNanos, long registeredNanos, long fullIsrNanos, Map<Integer, Integer> leadersAfter) {
    }

    /** The load as the producer saw it, with the instants of the faults. */
    record LoadRun(SendLedger ledger, long startNanos, long killedNanos, Rejoin rejoin) {
    }

    /**
     * From the kill until the first acknowledgement of a record sent after it, per partition: on the
     * partitions the dead node led that is the leader's failover; on the others, the time until the ISR
     * no longer waits for the dead node.
     */
    record Failover(Map<Integer, Double> leaderFailoverMsByPartition, double leaderFailoverMaxMs,
            Map<Integer, Double> writesResumedMsByPartition, double allPartitionsResumedMs) {

        static Failover measure(SendLedger ledger, long killedNanos, List<Integer> ledByVictim) {
            Map<Integer, Double> resumed = new TreeMap<>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                int p = partition;
                ledger.firstAckOnPartitionSentFrom(p, killedNanos).ifPresent(ack -> resumed.put(p, millis(ack - killedNanos)));
            }
            Map<Integer, Double> leaderFailover = new TreeMap<>(resumed);
            leaderFailover.keySet().retainAll(ledByVictim);
            return new Failover(leaderFailover, max(leaderFailover), resumed, max(resumed));
        }

        long resumedNanos(long killedNanos) {
            return killedNanos + (long) (allPartitionsResumedMs * 1e6);
        }

        private static double max(Map<Integer, Double> millis) {
            return millis.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    @Test
    void losingTheBusiestBrokerUnderAcksAllLoadLosesNoAcknowledgedRecord() throws Exception {
        long testStart = System.nanoTime();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("startedAt", Instant.now().toString());
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("loadAverageAtStart", loadAverage());
        report.put("setup", ordered("brokers", KafkaCluster.NODES, "topic", TOPIC, "partitions", PARTITIONS,
                "replicationFactor", REPLICATION_FACTOR, "minInsyncReplicas", MIN_INSYNC_REPLICAS,
                "ratePerSecond", RATE_PER_SECOND, "secondsBeforeKill", BEFORE_KILL.toSeconds(),
                "secondsDown", DOWN.toSeconds(), "secondsAfterRestart", AFTER_RESTART.toSeconds()));

        try (KafkaCluster cluster = KafkaCluster.start(DIR, START_BOUND)) {
            report.put("clusterReadyMs", millisSince(testStart));
            createContactsTopic(cluster);
            Victim victim = busiestLeader(cluster);
            report.put("killed", victim);

            LoadRun run = loadWithBrokerLoss(cluster, victim.node());

            long auditStart = System.nanoTime();
            TopicAudit.Result audit = TopicAudit.read(cluster.bootstrapServers(), TOPIC, Duration.ofSeconds(60));
            report.put("auditMs", millisSince(auditStart));

            SendLedger ledger = run.ledger();
            long killed = run.killedNanos();
            Failover failover = Failover.measure(ledger, killed, victim.ledPartitions());
            report.put("failover", failover);
            Map<String, LatencySummary> latency = latencies(run, failover.resumedNanos(killed));
            report.put("ackLatency", latency);
            report.put("rejoin", ordered(
                    "restartedAfterKillMs", millis(run.rejoin().restartedNanos() - killed),
                    "registeredAfterRestartMs", millis(run.rejoin().registeredNanos() - run.rejoin().restartedNanos()),
                    "isrBackTo3AfterRestartMs", millis(run.rejoin().fullIsrNanos() - run.rejoin().restartedNanos()),
                    "leadersAtIsr3", run.rejoin().leadersAfter()));
            DeliveryAccount account = DeliveryAccount.of(ledger, audit);
            report.put("accounting", account);
            report.put("loadAverageAtEnd", loadAverage());
            report.put("wallTimeMs", millisSince(testStart));
            JSON.writeValue(DIR.resolve("report.json").toFile(), report);
            String figures = "figures in " + DIR.resolve("report.json") + ":\n" + JSON.writeValueAsString(report);

            assertThat(account.lost()).as("acknowledged records the audit did not find; " + figures).isZero();
            assertThat(account.duplicates()).as("records found more than once; " + figures).isZero();
            assertThat(account.failed()).as("sends that failed although two of three replicas stayed; " + figures).isZero();
            assertThat(account.acknowledged()).as("every record sent was acknowledged; " + figures).isEqualTo(account.sent());
            assertThat(account.foundNeverSent() + account.unreadable()).as("records nobody sent; " + figures).isZero();
            assertThat(account.sent()).as("the load kept its rate; " + figures)
                    .isGreaterThanOrEqualTo(RATE_PER_SECOND * (int) LOAD.toSeconds() * 95 / 100);

            assertThat(failover.writesResumedMsByPartition()).as("every partition took writes again; " + figures).hasSize(PARTITIONS);
            assertThat(failover.allPartitionsResumedMs()).as("writes resumed within the stated bound; " + figures)
                    .isLessThanOrEqualTo(FAILOVER_BOUND.toMillis());
            assertThat(latency.get("beforeKill").p99Ms()).as("p99 before the kill; " + figures).isLessThanOrEqualTo(STEADY_P99_BOUND_MS);
            assertThat(latency.get("afterFailover").count()).as("records sent between failover and restart; " + figures).isPositive();
            assertThat(latency.get("afterFailover").p99Ms()).as("p99 after the failover; " + figures)
                    .isLessThanOrEqualTo(STEADY_P99_BOUND_MS);
            assertThat(latency.get("afterRestart").p99Ms()).as("p99 while the node rejoins; " + figures)
                    .isLessThanOrEqualTo(REJOIN_P99_BOUND_MS);
        }
    }

    /** The fixed-rate load, with the kill and the restart on their own thread so that the load never waits for them. */
    private static LoadRun loadWithBrokerLoss(KafkaCluster cluster, int victim) throws Exception {
        ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();
        try (PacedProducer load = new PacedProducer(cluster.bootstrapServers(), TOPIC, RATE_PER_SECOND, LOAD)) {
            long start = System.nanoTime();
            ScheduledFuture<Long> kill = faults.schedule(() -> cluster.kill9(victim), BEFORE_KILL.toMillis(), MILLISECONDS);
            ScheduledFuture<Rejoin> restart = faults.schedule(() -> rejoin(cluster, victim), BEFORE_KILL.plus(DOWN).toMillis(),
                    MILLISECONDS);
            load.run(start, LOAD);
            long killed = kill.get(10, SECONDS);
            Rejoin rejoin = restart.get(ISR_BOUND.toSeconds() + 10, SECONDS);
            assertThat(load.awaitCompletion(Duration.ofSeconds(60)))
                    .as("every send was acknowledged or failed within a minute after the load ended").isTrue();
            return new LoadRun(load.ledger(), start, killed, rejoin);
        } finally {
            faults.shutdownNow();
        }
    }

    /** Ack latencies by when the record was sent: windows of the run split at the kill, the failover and the restart. */
    private static Map<String, LatencySummary> latencies(LoadRun run, long resumed) {
        SendLedger ledger = run.ledger();
        long warm = run.startNanos() + WARM_UP.toNanos();
        long killed = run.killedNanos();
        long restarted = run.rejoin().restartedNanos();
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        latency.put("warmUp", ledger.latencies((sent, acked) -> sent < warm));
        latency.put("beforeKill", ledger.latencies((sent, acked) -> sent >= warm && acked < killed));
        // In flight at the kill, or sent while some partition did not take writes.
        latency.put("failover", ledger.latencies((sent, acked) -> sent >= warm && acked >= killed && sent < resumed));
        latency.put("afterFailover", ledger.latencies((sent, acked) -> sent >= resumed && sent < restarted));
        latency.put("afterRestart", ledger.latencies((sent, acked) -> sent >= restarted));
        return latency;
    }

    private static void createContactsTopic(KafkaCluster cluster) throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, REPLICATION_FACTOR)
                    .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(MIN_INSYNC_REPLICAS)))))
                    .all().get(30, SECONDS);
            awaitFullIsr(admin, System.nanoTime() + Duration.ofSeconds(30).toNanos());
        }
    }

    /**
     * The node leading the most partitions. Three nodes usually lead two each; a tie goes to the active
     * controller, so that the kill takes a broker and the quorum's leader at once, the worse case.
     */
    private static Victim busiestLeader(KafkaCluster cluster) throws Exception {
        try (Admin admin = cluster.admin()) {
            Map<Integer, Integer> leaders = leaders(admin);
            int controller = admin.describeMetadataQuorum().quorumInfo().get(10, SECONDS).leaderId();
            Map<Integer, Long> led = leaders.values().stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            int node = led.entrySet().stream()
                    .max(Comparator.<Map.Entry<Integer, Long>>comparingLong(Map.Entry::getValue)
                            .thenComparing(e -> e.getKey() == controller)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow().getKey();
            List<Integer> ledPartitions = leaders.entrySet().stream().filter(e -> e.getValue() == node).map(Map.Entry::getKey)
                    .toList();
            return new Victim(node, ledPartitions, node == controller, leaders);
        }
    }

    private static Rejoin rejoin(KafkaCluster cluster, int node) throws Exception {
        long restarted = System.nanoTime();
        cluster.restart(node);
        cluster.awaitRegistered(Set.of(node), ISR_BOUND);
        long registered = System.nanoTime();
        try (Admin admin = cluster.admin()) {
            awaitFullIsr(admin, restarted + ISR_BOUND.toNanos());
            long fullIsr = System.nanoTime();
            return new Rejoin(restarted, registered, fullIsr, leaders(admin));
        }
    }

    private static void awaitFullIsr(Admin admin, long deadlineNanos) throws InterruptedException {
        TopicDescription last = null;
        while (System.nanoTime() < deadlineNanos) {
            try {
                last = describe(admin);
                if (last.partitions().stream().allMatch(info -> info.isr().size() == REPLICATION_FACTOR)) {
                    return;
                }
            } catch (Exception e) {
                // A node is still starting; ask again.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the ISR of every partition was not back to " + REPLICATION_FACTOR + " in time: " + last);
    }

    /** Partition to the id of its leader. */
    private static Map<Integer, Integer> leaders(Admin admin) throws Exception {
        return new TreeMap<>(describe(admin).partitions().stream()
                .collect(Collectors.toMap(TopicPartitionInfo::partition, info -> info.leader().id())));
    }

    private static TopicDescription describe(Admin admin) throws Exception {
        return admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, SECONDS).get(TOPIC);
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The 1, 5 and 15 minute load averages. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", fields[0], fields[1], fields[2]);
        } catch (IOException e) {
            return "unknown";
        }
    }
}
