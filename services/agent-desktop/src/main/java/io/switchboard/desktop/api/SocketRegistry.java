package io.switchboard.desktop.api;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.desktop.domain.LiveSockets;
import io.switchboard.desktop.domain.Viewer;

/** The signed-in inbox sockets of this instance and who holds each. */
@ApplicationScoped
public class SocketRegistry implements LiveSockets {

    private static final Logger LOG = Logger.getLogger(SocketRegistry.class);

    private final Map<WebSocketConnection, Viewer> viewers = new ConcurrentHashMap<>();

    void signedIn(WebSocketConnection connection, Viewer viewer) {
        viewers.put(connection, viewer);
    }

    void closed(WebSocketConnection connection) {
        viewers.remove(connection);
    }

    boolean signedIn(WebSocketConnection connection) {
        return viewers.containsKey(connection);
    }

    int size() {
        return viewers.size();
    }

    @Override
    public void deliver(Set<String> agents, Set<String> supervisorTenants, String frame) {
        viewers.forEach((connection, viewer) -> {
            boolean mine = agents.contains(viewer.agentId());
            boolean watched = viewer.supervisor() && supervisorTenants.stream().anyMatch(viewer::serves);
            if ((mine || watched) && connection.isOpen()) {
                connection.sendText(frame).subscribe().with(ok -> { }, failure -> LOG.debugf("push failed: %s", failure));
            }
        });
    }
}
