package io.switchboard.desktop.api;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.desktop.config.DesktopConfig;
import io.switchboard.desktop.domain.DesktopFrames;
import io.switchboard.desktop.domain.Viewer;
import io.vertx.core.Vertx;

/**
 * The inbox's live socket, {@code /ws/desktop}. A browser cannot put a bearer token on a WebSocket
 * upgrade, so the first frame carries it: {@code {"type":"auth","token":"<access token>"}}. The token
 * is verified by the OIDC extension exactly as on the REST API; until then nothing is pushed, and a
 * socket that sends no valid token within {@code auth-timeout} is closed (1008). The browser sends
 * a fresh token the same way when it refreshes one; once the last token expired the socket gets no
 * more pushes and is closed.
 */
@WebSocket(path = "/ws/desktop")
public class DesktopSocket {

    private static final Logger LOG = Logger.getLogger(DesktopSocket.class);

    @Inject
    TenantIdentityProvider identities;
    @Inject
    SocketRegistry registry;
    @Inject
    DesktopConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    Vertx vertx;

    @OnOpen
    public void open(WebSocketConnection connection) {
        vertx.setTimer(config.authTimeout().toMillis(), timer -> {
            if (connection.isOpen() && !registry.signedIn(connection)) {
                // On the event loop: send and close without blocking.
                connection.sendText(new DesktopFrames.Error("unauthenticated", "send {\"type\":\"auth\",\"token\":…} first"))
                        .chain(() -> connection.close(new CloseReason(1008, "no token")))
                        .subscribe().with(ok -> { }, failure -> LOG.debugf("closing a silent socket failed: %s", failure));
            }
        });
    }

    @OnTextMessage
    @Blocking
    public void frame(String text, WebSocketConnection connection) {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JsonProcessingException e) {
            send(connection, new DesktopFrames.Error("bad_frame", "a frame is a JSON object with a type"));
            return;
        }
        String type = frame.path("type").asText("");
        if (!type.equals("auth")) {
            send(connection, new DesktopFrames.Error("bad_frame", "the socket only takes auth frames; actions go through /api"));
            return;
        }
        try {
            SecurityIdentity identity = identities.authenticate(new AccessTokenCredential(frame.path("token").asText("")))
                    .await().atMost(Duration.ofSeconds(10));
            if (!identity.hasRole("agent") && !identity.hasRole("supervisor") && !identity.hasRole("admin")) {
                refuse(connection, "forbidden", "the inbox is for agents, supervisors and admins");
                return;
            }
            Viewer viewer = Viewers.of(identity);
            boolean firstToken = !registry.signedIn(connection);
            registry.signedIn(connection, viewer, Instant.ofEpochSecond(((JsonWebToken) identity.getPrincipal()).getExpirationTime()));
            if (firstToken) {
                send(connection, new DesktopFrames.Ready(viewer.agentId(), viewer.supervisor()));
            }
        } catch (RuntimeException invalid) {
            LOG.debugf("socket token refused: %s", invalid.getMessage());
            refuse(connection, "unauthenticated", "the token is not valid");
        }
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        registry.closed(connection);
    }

    private void refuse(WebSocketConnection connection, String code, String reason) {
        registry.closed(connection);
        send(connection, new DesktopFrames.Error(code, reason));
        connection.closeAndAwait(new CloseReason(1008, code));
    }

    private void send(WebSocketConnection connection, Object frame) {
        try {
            connection.sendTextAndAwait(json.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException closed) {
            LOG.debugf("socket closed before a frame: %s", closed.getMessage());
        }
    }
}
