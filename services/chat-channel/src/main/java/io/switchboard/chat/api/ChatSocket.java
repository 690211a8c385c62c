package io.switchboard.chat.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.domain.ChatException;
import io.switchboard.chat.domain.ChatFrames;
import io.switchboard.chat.domain.ChatService;
import io.switchboard.chat.domain.IpConnectionLimiter;
import io.switchboard.chat.domain.WidgetDirectory;
import io.switchboard.service.api.IngressRefusals;
import io.switchboard.service.config.EntryPointRoute;
import io.switchboard.service.ratelimit.KeyedRateLimiter;

/**
 * The customer's socket, {@code /chat/ws/{widgetId}} (the widget id and the page's origin were
 * checked at the upgrade, {@link WidgetUpgradeCheck}). Frames are JSON; every refusal is an
 * {@code error} frame with a code, and the socket stays open unless the client is over a limit.
 */
@WebSocket(path = "/chat/ws/{widgetId}")
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    // Beyond it the socket heard from longest ago starts again from a full bucket: harmless, and bounded.
    private static final int MAX_RATED_SOCKETS = 1_000_000;
    private static final ObjectMapper FRAMES = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final ChatService chats;
    private final WidgetDirectory widgets;
    private final LiveConnections live;
    private final ChatConfig config;
    private final IpConnectionLimiter perIp;
    /** Messages per socket, keyed by the connection's id; a socket quiet long enough to have refilled is forgotten. */
    private final KeyedRateLimiter messageRate;
    private final Counter overOpenConnections;
    private final Counter overMessageRate;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public ChatSocket(ChatService chats, WidgetDirectory widgets, LiveConnections live, ChatConfig config, MeterRegistry registry) {
        this.chats = chats;
        this.widgets = widgets;
        this.live = live;
        this.config = config;
        this.perIp = new IpConnectionLimiter(config.connectionsPerIp());
        this.messageRate = new KeyedRateLimiter(config.messagesPerSecond(), config.burst(), MAX_RATED_SOCKETS);
        this.overOpenConnections = IngressRefusals.counter(registry, "chat-channel", "chat-socket", "open-connections");
        this.overMessageRate = IngressRefusals.counter(registry, "chat-channel", "chat-socket", "message-rate");
    }

    /** What one socket is: its client address and the conversation once started or resumed. */
    private static final class Session {
        final String address;
        volatile String contactId;

        Session(String address) {
            this.address = address;
        }
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        String address = host(connection.handshakeRequest().remoteAddress());
        if (!perIp.tryOpen(address)) {
            overOpenConnections.increment();
            send(connection, new ChatFrames.Error("too_many_connections",
                    "at most " + config.connectionsPerIp() + " chat connections per address"));
            connection.closeAndAwait(new CloseReason(1008, "too many connections"));
            return;
        }
        sessions.put(connection.id(), new Session(address));
    }

    @OnTextMessage
    public void frame(String text, WebSocketConnection connection) {
        Session session = sessions.get(connection.id());
        if (session == null) {
            return;
        }
        if (text.length() > config.maxMessageChars() * 2 + 1_000) {
            send(connection, new ChatFrames.Error("too_large", "a frame has at most " + (config.maxMessageChars() * 2 + 1_000)
                    + " characters"));
            return;
        }
        if (messageRate.acquire(connection.id(), System.nanoTime()).isPresent()) {
            overMessageRate.increment();
            send(connection, new ChatFrames.Error("rate_limited",
                    "at most " + config.messagesPerSecond() + " messages a second; this one was not sent"));
            return;
        }
        try {
            ChatFrames.Inbound frame = read(text);
            EntryPointRoute route = widgets.lookup(connection.pathParam("widgetId"))
                    .orElseThrow(() -> new ChatException("unknown_widget", "this widget is not configured"));
            switch (frame.type() == null ? "" : frame.type()) {
                case "start" -> attach(connection, session, chats.start(route, frame.name(), frame.email()));
                case "resume" -> attach(connection, session, chats.resume(route, frame.token()));
                case "message" -> send(connection, chats.customerMessage(started(session), frame.id(), frame.text()));
                case "typing" -> chats.customerTyping(started(session));
                case "transcript" -> send(connection, chats.transcript(route, started(session), frame.email()));
                case "rate" -> send(connection, chats.rate(started(session), frame.score(), frame.text()));
                case "leave" -> {
                    chats.leave(started(session));
                    connection.closeAndAwait();
                }
                default -> throw new ChatException("bad_frame", "unknown frame type '" + frame.type() + "'");
            }
        } catch (ChatException e) {
            send(connection, new ChatFrames.Error(e.code(), e.getMessage()));
        }
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        Session session = sessions.remove(connection.id());
        if (session == null) {
            return;
        }
        perIp.close(session.address);
        if (session.contactId != null && live.remove(session.contactId, connection)) {
            chats.disconnected(session.contactId);
        }
    }

    private void attach(WebSocketConnection connection, Session session, ChatFrames.Ready ready) {
        if (session.contactId != null && !session.contactId.equals(ready.contactId())) {
            live.remove(session.contactId, connection);
        }
        session.contactId = ready.contactId();
        live.add(ready.contactId(), connection);
        send(connection, ready);
    }

    private static String started(Session session) throws ChatException {
        if (session.contactId == null) {
            throw new ChatException("not_started", "send start or resume first");
        }
        return session.contactId;
    }

    private static ChatFrames.Inbound read(String text) throws ChatException {
        try {
            ChatFrames.Inbound frame = FRAMES.readValue(text, ChatFrames.Inbound.class);
            if (frame == null) {
                // the JSON literal null reads as no frame at all
                throw new ChatException("bad_frame", "a frame is a JSON object, not null");
            }
            return frame;
        } catch (JsonProcessingException e) {
            throw new ChatException("bad_frame", "not a JSON frame: " + e.getOriginalMessage());
        }
    }

    private void send(WebSocketConnection connection, Object frame) {
        try {
            connection.sendTextAndAwait(live.write(frame));
        } catch (RuntimeException e) {
            LOG.debugf("could not answer a closed socket: %s", e.getMessage());
        }
    }

    private static String host(String remoteAddress) {
        if (remoteAddress == null) {
            return "unknown";
        }
        int colon = remoteAddress.lastIndexOf(':');
        return colon > 0 ? remoteAddress.substring(0, colon) : remoteAddress;
    }
}
