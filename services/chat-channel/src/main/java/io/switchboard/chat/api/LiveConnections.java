package io.switchboard.chat.api;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.chat.domain.CustomerSockets;

/** The customers' open sockets on this instance, by contact (a customer may have the chat open in two tabs). */
@ApplicationScoped
public class LiveConnections implements CustomerSockets {

    private static final Logger LOG = Logger.getLogger(LiveConnections.class);

    private final Map<String, Set<WebSocketConnection>> byContact = new ConcurrentHashMap<>();
    private final ObjectMapper json;

    public LiveConnections(ObjectMapper json) {
        this.json = json;
    }

    public void add(String contactId, WebSocketConnection connection) {
        byContact.computeIfAbsent(contactId, id -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    /** Removes a socket; true when it was the contact's last one here. */
    public boolean remove(String contactId, WebSocketConnection connection) {
        boolean[] last = {false};
        byContact.computeIfPresent(contactId, (id, connections) -> {
            connections.remove(connection);
            last[0] = connections.isEmpty();
            return connections.isEmpty() ? null : connections;
        });
        return last[0];
    }

    @Override
    public boolean connected(String contactId) {
        return byContact.containsKey(contactId);
    }

    @Override
    public int send(String contactId, Object frame) {
        Set<WebSocketConnection> connections = byContact.get(contactId);
        if (connections == null) {
            return 0;
        }
        String text = write(frame);
        int sent = 0;
        for (WebSocketConnection connection : connections) {
            if (connection.isOpen()) {
                connection.sendText(text).subscribe().with(ok -> { }, failure -> LOG.debugf("send failed: %s", failure));
                sent++;
            }
        }
        return sent;
    }

    public String write(Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
