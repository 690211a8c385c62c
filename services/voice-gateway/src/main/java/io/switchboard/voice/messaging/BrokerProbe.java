package io.switchboard.voice.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.service.messaging.KafkaConnection;
import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.port.BrokerLink;

/**
 * Asks the brokers to describe their cluster every {@code broker-probe-interval}: the gateway counts the
 * broker as away from the first unanswered probe (or refused publication) until a probe is answered
 * again. A probe rather than the producer's own state, because the producer learns of a lost broker
 * only when it next sends, which for the gateway is after a caller's IVR, too late to turn them away.
 */
@ApplicationScoped
public class BrokerProbe implements BrokerLink {

    private static final Logger LOG = Logger.getLogger(BrokerProbe.class);

    private final Map<String, Object> settings;
    private final Duration interval;
    private volatile boolean up = true;
    private Admin admin;
    private ScheduledExecutorService probes;

    /** @param broker every {@code kafka.*} setting, as the messaging channels get them (TLS and SASL included) */
    @Inject
    public BrokerProbe(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> broker, VoiceConfig config) {
        this(bootstrapServers, KafkaConnection.settings(broker), config.brokerProbeInterval());
    }

    BrokerProbe(String bootstrapServers, Map<String, Object> connection, Duration interval) {
        this.interval = interval;
        Map<String, Object> settings = new HashMap<>(connection);
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "voice-gateway-broker-probe");
        settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, (int) interval.toMillis());
        this.settings = Map.copyOf(settings);
    }

    void start(@Observes StartupEvent start) {
        start();
    }

    void stop(@Observes ShutdownEvent stop) {
        stop();
    }

    synchronized void start() {
        admin = Admin.create(settings);
        probes = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "broker-probe");
            thread.setDaemon(true);
            return thread;
        });
        probes.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (probes != null) {
            probes.shutdownNow();
            admin.close(Duration.ZERO);
            probes = null;
        }
    }

    @Override
    public boolean up() {
        return up;
    }

    /** A publication the broker did not acknowledge: away until the next answered probe. */
    void refused() {
        mark(false, "a publication was not acknowledged");
    }

    private void probe() {
        int timeout = (int) interval.toMillis() * 2;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout)).nodes().get(timeout + 500L, TimeUnit.MILLISECONDS);
            mark(true, "it answered");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            mark(false, "it did not answer within " + timeout + " ms");
        }
    }

    private synchronized void mark(boolean answered, String why) {
        if (up != answered) {
            up = answered;
            if (answered) {
                LOG.infof("the broker is back (%s): new calls are answered again", why);
            } else {
                LOG.warnf("the broker is away (%s): new calls get 503 with Retry-After", why);
            }
        }
    }
}
