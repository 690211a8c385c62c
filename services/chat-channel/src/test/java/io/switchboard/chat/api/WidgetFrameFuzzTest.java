package io.switchboard.chat.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.domain.ChatLine;
import io.switchboard.chat.domain.ChatService;
import io.switchboard.chat.domain.ChatSettings;
import io.switchboard.chat.domain.ChatStore;
import io.switchboard.chat.domain.Conversation;
import io.switchboard.chat.domain.Reader;
import io.switchboard.chat.domain.WidgetDirectory;
import io.switchboard.service.config.EntryPointRoute;

/**
 * The widget's socket as a browser (or anyone) drives it: each line of an input is one text frame
 * to {@link ChatSocket}, which decodes it and runs it through the real {@link ChatService} (its store
 * and broker in memory). Whatever the frames, each one gets one answer that is a protocol frame
 * ({@code ready}, {@code ack}, a notice) or an {@code error} with a code and a reason, or, for
 * {@code typing} and {@code leave}, nothing; never an exception out of the socket. Seeds in
 * src/test/resources/.../WidgetFrameFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes.
 */
class WidgetFrameFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final EntryPointRoute ROUTE = new EntryPointRoute("acme", "Acme Bank", "web-support");
    private static final Set<String> ANSWERS = Set.of("ready", "ack", "error", "transcript_requested", "rated");
    private static final int MAX_FRAMES = 10;

    @FuzzTest(maxExecutions = 10_000)
    void clientFrames(byte[] input) throws Exception {
        ChatSocket socket = socket();
        FakeConnection connection = new FakeConnection();
        socket.open(connection.proxy);
        String[] frames = new String(input, StandardCharsets.UTF_8).split("\n", MAX_FRAMES + 1);
        for (int i = 0; i < Math.min(frames.length, MAX_FRAMES) && !connection.closed; i++) {
            int before = connection.sent.size();
            socket.frame(frames[i], connection.proxy);
            List<String> answers = connection.sent.subList(before, connection.sent.size());
            assertThat(answers).hasSizeLessThanOrEqualTo(1);
            if (answers.isEmpty()) {
                assertThat(typeOf(frames[i])).isIn("typing", "leave");
                continue;
            }
            JsonNode answer = JSON.readTree(answers.get(0));
            assertThat(answer.path("type").asText()).isIn(ANSWERS);
            if (answer.path("type").asText().equals("error")) {
                assertThat(answer.path("code").asText()).isNotBlank();
                assertThat(answer.path("reason").asText()).isNotBlank();
            }
        }
        socket.close(connection.proxy);
    }

    private static String typeOf(String frame) {
        try {
            return JSON.readTree(frame).path("type").asText();
        } catch (Exception notJson) {
            return "(not JSON)";
        }
    }

    private static ChatSocket socket() {
        LiveConnections live = new LiveConnections(JSON);
        ChatService chats = new ChatService(new MemoryStore(), (events, timeout) -> { }, live,
                new ChatSettings("fuzz-token-secret", Duration.ofHours(24), 4000, Duration.ofSeconds(60), Duration.ofSeconds(10), "fuzz"));
        WidgetDirectory widgets = new WidgetDirectory() {
            @Override
            public Optional<EntryPointRoute> lookup(String address) {
                return ROUTE.address().equals(address) ? Optional.of(ROUTE) : Optional.empty();
            }
        };
        return new ChatSocket(chats, widgets, live, config(), new SimpleMeterRegistry());
    }

    private static ChatConfig config() {
        Map<String, Object> values = Map.of("tokenSecret", "fuzz-token-secret", "maxMessageChars", 4000, "messagesPerSecond", 5,
                "burst", MAX_FRAMES, "connectionsPerIp", 20, "tokenTtl", Duration.ofHours(24));
        return (ChatConfig) Proxy.newProxyInstance(ChatConfig.class.getClassLoader(), new Class<?>[] {ChatConfig.class},
                (proxy, method, args) -> {
                    if (!values.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return values.get(method.getName());
                });
    }

    /** A socket on the widget's path that records what the server sends and whether it closed. */
    private static final class FakeConnection {
        final List<String> sent = new ArrayList<>();
        final String id = UUID.randomUUID().toString();
        volatile boolean closed;
        final WebSocketConnection proxy = (WebSocketConnection) Proxy.newProxyInstance(WebSocketConnection.class.getClassLoader(),
                new Class<?>[] {WebSocketConnection.class}, (self, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "pathParam" -> "widgetId".equals(args[0]) ? ROUTE.address() : null;
                    case "handshakeRequest" -> handshake();
                    case "sendTextAndAwait" -> {
                        sent.add((String) args[0]);
                        yield null;
                    }
                    case "closeAndAwait" -> {
                        closed = true;
                        yield null;
                    }
                    case "isOpen" -> !closed;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> "connection " + id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        private static HandshakeRequest handshake() {
            return (HandshakeRequest) Proxy.newProxyInstance(HandshakeRequest.class.getClassLoader(),
                    new Class<?>[] {HandshakeRequest.class}, (self, method, args) -> {
                        if (method.getName().equals("remoteAddress")) {
                            return "198.51.100.7:53211";
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    /** The conversations and lines of one socket's life, kept as the JDBC store would keep them. */
    private static final class MemoryStore implements ChatStore {
        private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
        private final Map<String, List<ChatLine>> lines = new ConcurrentHashMap<>();
        private final Map<UUID, StoredMessage> messages = new ConcurrentHashMap<>();
        private final Set<String> rated = ConcurrentHashMap.newKeySet();

        @Override
        public void create(Conversation conversation) {
            conversations.put(conversation.contactId(), conversation);
        }

        @Override
        public Optional<Conversation> conversation(String contactId) {
            return Optional.ofNullable(conversations.get(contactId));
        }

        @Override
        public StoredMessage addCustomerMessage(String contactId, UUID id, String clientMessageId, String text, Instant at) {
            return messages.computeIfAbsent(id, key -> {
                lines.computeIfAbsent(contactId, c -> new ArrayList<>()).add(new ChatLine(id.toString(), true, null, text, at));
                return new StoredMessage(at, false);
            });
        }

        @Override
        public void markPublished(String contactId, UUID messageId, boolean contactCreated) {
            messages.computeIfPresent(messageId, (id, stored) -> new StoredMessage(stored.sentAt(), true));
            if (contactCreated) {
                conversations.computeIfPresent(contactId, (id, c) -> new Conversation(c.contactId(), c.tenantId(), c.widgetId(),
                        c.visitorId(), c.customerName(), c.customerEmail(), c.startedAt(), true, c.agentId(), c.endedAt()));
            }
        }

        @Override
        public boolean addAgentMessage(String contactId, UUID id, String agentId, String text, Instant at) {
            throw new UnsupportedOperationException("no agent replies on the widget's socket");
        }

        @Override
        public List<ChatLine> transcript(String contactId) {
            return List.copyOf(lines.getOrDefault(contactId, List.of()));
        }

        @Override
        public Optional<List<ChatLine>> transcriptFor(Reader reader, String contactId) {
            throw new UnsupportedOperationException("not read through the widget's socket");
        }

        @Override
        public void assign(String contactId, String agentId) {
            throw new UnsupportedOperationException("not assigned through the widget's socket");
        }

        @Override
        public void recordHandler(String contactId, String tenantId, String agentId, Instant at) {
            throw new UnsupportedOperationException("not offered through the widget's socket");
        }

        @Override
        public void connected(String contactId, boolean connected, Instant at) {
        }

        @Override
        public boolean claimRating(String contactId, Instant at) {
            return rated.add(contactId);
        }

        @Override
        public void releaseRating(String contactId) {
            rated.remove(contactId);
        }

        @Override
        public boolean end(String contactId, String reason, Instant at) {
            Conversation c = conversations.get(contactId);
            if (c == null || !c.open()) {
                return false;
            }
            conversations.put(contactId, new Conversation(c.contactId(), c.tenantId(), c.widgetId(), c.visitorId(), c.customerName(),
                    c.customerEmail(), c.startedAt(), c.contactCreated(), c.agentId(), at));
            return true;
        }

        @Override
        public List<Conversation> abandonedBefore(Instant before) {
            return List.of();
        }
    }
}
