package io.switchboard.desktop.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.desktop.domain.LiveSockets;
import io.switchboard.desktop.domain.Push;
import io.switchboard.desktop.domain.Pushes;

/**
 * Pushes travel through PostgreSQL {@code NOTIFY}: the instance that applied an event notifies,
 * every instance {@code LISTEN}s and hands the frame to the sockets it holds. The read model is
 * written before the notification, so a client that re-reads on a push sees the change; no sticky
 * sessions and no second consumer group are needed.
 */
@ApplicationScoped
public class PushChannel implements Pushes {

    static final String CHANNEL = "desktop_push";
    /** PostgreSQL refuses notification payloads of 8000 bytes or more. */
    private static final int MAX_PAYLOAD = 7_900;
    private static final Logger LOG = Logger.getLogger(PushChannel.class);

    private final DataSource dataSource;
    private final LiveSockets sockets;
    private final ObjectMapper json;
    private volatile boolean running;
    private Thread listener;

    public PushChannel(DataSource dataSource, LiveSockets sockets, ObjectMapper json) {
        this.dataSource = dataSource;
        this.sockets = sockets;
        this.json = json;
    }

    @Override
    public void send(Push push) {
        String payload;
        try {
            payload = json.writeValueAsString(new Envelope(push.agents(), push.supervisorTenants(), json.valueToTree(push.frame())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("push frame is not JSON", e);
        }
        if (payload.length() > MAX_PAYLOAD) {
            LOG.warnf("push of %d characters dropped (limit %d): %s", payload.length(), MAX_PAYLOAD, push.frame().getClass().getSimpleName());
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, payload);
            s.execute();
        } catch (SQLException e) {
            // The read model is already written; a client re-reads it when it reconnects.
            LOG.warnf(e, "push not sent");
        }
    }

    void start(@Observes StartupEvent start) {
        running = true;
        listener = new Thread(this::listen, "desktop-push-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            deliver(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("push listener lost its connection (%s); listening again in 1 s", e.getMessage());
                    sleep();
                }
            }
        }
    }

    private void deliver(String payload) {
        try {
            JsonNode envelope = json.readTree(payload);
            sockets.deliver(strings(envelope.get("agents")), strings(envelope.get("tenants")), json.writeValueAsString(envelope.get("frame")));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf(e, "push not delivered");
        }
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    private void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    record Envelope(Set<String> agents, Set<String> tenants, JsonNode frame) {
    }
}
