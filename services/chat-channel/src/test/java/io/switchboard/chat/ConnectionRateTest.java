package io.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.chat.api.WidgetUpgradeCheck;
import io.switchboard.chat.domain.WidgetDirectory;
import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * New chat sockets per client address: beyond the budget (2 at once, then one every 1,000 s) the
 * upgrade is refused with 429 and Retry-After, so the refused client never has a socket; another
 * address still opens one and starts its chat. The address is the forwarded one, as behind a load
 * balancer the platform trusts.
 */
@QuarkusTest
@TestProfile(ConnectionRateTest.TinyBudget.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "chatrate"))
@WithTestResource(KeycloakResource.class)
class ConnectionRateTest {

    public static class TinyBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.chat.connection-rate.per-second", "0.001", "switchboard.chat.connection-rate.burst", "2",
                    "quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @TestHTTPResource("/")
    URI base;
    @Inject
    WidgetDirectory widgets;

    private final List<WebSocket> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(WebSocket::abort);
    }

    @Test
    void anAddressOverItsBudgetIsRefusedAtTheUpgradeWith429() throws Exception {
        try (KafkaTestClient kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            kafka.publish(new TenantConfigured(UUID.nameUUIDFromBytes("globex".getBytes()), "globex-travel",
                    Instant.parse("2026-01-01T00:00:00Z"), "Globex Travel", "Europe/Madrid", "ES", null, "bookings",
                    List.of(new TenantConfigured.EntryPoint(Channel.CHAT, "widget-globex", "bookings"))), URI.create("/tests/chat-channel"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> widgets.lookup("widget-globex").isPresent());

        assertThat(startedChat("192.0.2.40")).as("the first socket of the burst").contains("\"ready\"");
        assertThat(startedChat("192.0.2.40")).as("the second").contains("\"ready\"");

        Throwable refused = catchThrowable(() -> open("192.0.2.40", new LinkedBlockingQueue<>()));
        assertThat(refused).isInstanceOf(CompletionException.class).cause().isInstanceOf(WebSocketHandshakeException.class);
        var response = ((WebSocketHandshakeException) refused.getCause()).getResponse();
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 1000L));
        assertThat(response.headers().firstValue(WidgetUpgradeCheck.REFUSAL)).hasValue("too many new chat connections from 192.0.2.40");

        assertThat(startedChat("192.0.2.41")).as("another address").contains("\"ready\"");
        assertThat(given().get("/q/metrics").then().extract().asString()).contains(
                "switchboard_ingress_refused_total{ingress=\"chat-socket\",reason=\"connection-rate\",service=\"chat-channel\"} 1.0");
    }

    /** Opens a socket from {@code address}, starts a chat and returns the first frame the service answered. */
    private String startedChat(String address) throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = open(address, frames);
        socket.sendText("{\"type\":\"start\"}", true).join();
        String frame = frames.poll(30, TimeUnit.SECONDS);
        assertThat(frame).as("a frame within 30 s").isNotNull();
        return frame;
    }

    private WebSocket open(String address, BlockingQueue<String> frames) {
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .header("X-Forwarded-For", address)
                .buildAsync(URI.create(base.toString().replaceFirst("^http", "ws") + "chat/ws/widget-globex"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            frames.add(partial.toString());
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
        opened.add(socket);
        return socket;
    }
}
