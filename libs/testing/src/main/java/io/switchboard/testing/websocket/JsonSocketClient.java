package io.switchboard.testing.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A browser as far as a socket goes: a real WebSocket client (java.net.http) that sends and reads JSON frames. */
public final class JsonSocketClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> frames;
    private final boolean[] closed;

    private JsonSocketClient(WebSocket socket, BlockingQueue<JsonNode> frames, boolean[] closed) {
        this.socket = socket;
        this.frames = frames;
        this.closed = closed;
    }

    public static JsonSocketClient connect(URI uri, String origin) {
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        boolean[] closed = {false};
        StringBuilder partial = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        frames.add(JSON.readTree(partial.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed[0] = true;
                return null;
            }
        };
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return new JsonSocketClient(builder.buildAsync(uri, listener).join(), frames, closed);
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The next frame that matches, within 30 s; frames before it are dropped. */
    public JsonNode await(Predicate<JsonNode> matching) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (System.nanoTime() < deadline) {
                JsonNode frame = frames.poll(200, TimeUnit.MILLISECONDS);
                if (frame != null && matching.test(frame)) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no matching frame within 30 s");
    }

    /** The next frame of this type within {@code timeout}, or null. */
    public JsonNode poll(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                JsonNode frame = frames.poll(50, TimeUnit.MILLISECONDS);
                if (frame != null && type.equals(frame.path("type").asText())) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Every frame received and not yet read, without waiting. */
    public java.util.List<JsonNode> drain() {
        java.util.List<JsonNode> all = new java.util.ArrayList<>();
        frames.drainTo(all);
        return all;
    }

    public JsonNode await(String type) {
        return await(frame -> type.equals(frame.path("type").asText()));
    }

    public boolean closedByServer() {
        return closed[0];
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }
}
