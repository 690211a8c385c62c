package io.switchboard.desktop.api;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.desktop.domain.DesktopFrames;
import io.switchboard.desktop.domain.LiveSockets;
import io.switchboard.desktop.domain.Viewer;

/**
 * The signed-in inbox sockets of this instance, who holds each and until when their token is valid. A socket
 * whose token expired (the browser sends a fresh one every minute) gets no more pushes: it is told so and
 * closed, so a user removed from a tenant or signed out stops reading its contacts.
 */
@ApplicationScoped
public class SocketRegistry implements LiveSockets {

    private static final Logger LOG = Logger.getLogger(SocketRegistry.class);

    private record Session(Viewer viewer, Instant expiresAt) {
    }

    private final Map<WebSocketConnection, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    void signedIn(WebSocketConnection connection, Viewer viewer, Instant expiresAt) {
        sessions.put(connection, new Session(viewer, expiresAt));
    }

    void closed(WebSocketConnection connection) {
        sessions.remove(connection);
    }

    boolean signedIn(WebSocketConnection connection) {
        return sessions.containsKey(connection);
    }

    int size() {
        return sessions.size();
    }

    @Override
    public void deliver(Set<String> agents, Set<String> supervisorTenants, String frame) {
        Instant now = clock.instant();
        sessions.forEach((connection, session) -> {
            if (!now.isBefore(session.expiresAt())) {
                expired(connection);
                return;
            }
            Viewer viewer = session.viewer();
            boolean mine = agents.contains(viewer.agentId());
            boolean watched = viewer.supervisor() && supervisorTenants.stream().anyMatch(viewer::serves);
            if ((mine || watched) && connection.isOpen()) {
                connection.sendText(frame).subscribe().with(ok -> { }, failure -> LOG.debugf("push failed: %s", failure));
            }
        });
    }

    private void expired(WebSocketConnection connection) {
        sessions.remove(connection);
        if (connection.isOpen()) {
            connection.sendText(new DesktopFrames.Error("unauthenticated", "the token expired; sign in again"))
                    .chain(() -> connection.close(new CloseReason(1008, "token expired")))
                    .subscribe().with(ok -> { }, failure -> LOG.debugf("closing an expired socket failed: %s", failure));
        }
    }
}
