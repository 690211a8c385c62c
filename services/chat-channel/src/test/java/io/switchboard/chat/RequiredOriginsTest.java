package io.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
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
 * The production rule for widget origins ({@code switchboard.chat.require-allowed-origins=true}, which
 * the test profile otherwise turns off): a widget without allowed origins refuses every socket, and says why.
 */
@QuarkusTest
@TestProfile(RequiredOriginsTest.OriginsRequired.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "chatorigins"))
@WithTestResource(KeycloakResource.class)
class RequiredOriginsTest {

    public static class OriginsRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.chat.require-allowed-origins", "true");
        }
    }

    @TestHTTPResource("/")
    URI base;
    @Inject
    WidgetDirectory widgets;

    @Test
    void aWidgetWithoutAllowedOriginsRefusesEverySocketWithItsReason() throws Exception {
        try (KafkaTestClient kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            kafka.publish(new TenantConfigured(UUID.nameUUIDFromBytes("acme".getBytes()), "acme-bank",
                    Instant.parse("2026-01-01T00:00:00Z"), "Acme Bank", "Europe/London", "GB", null, "general",
                    List.of(new TenantConfigured.EntryPoint(Channel.CHAT, "widget-acme", "billing"))), URI.create("/tests/chat-channel"));
            kafka.publish(new TenantConfigured(UUID.nameUUIDFromBytes("globex".getBytes()), "globex-travel",
                    Instant.parse("2026-01-01T00:00:00Z"), "Globex Travel", "Europe/Madrid", "ES", null, "bookings",
                    List.of(new TenantConfigured.EntryPoint(Channel.CHAT, "widget-globex", "bookings"))), URI.create("/tests/chat-channel"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> widgets.lookup("widget-globex").isPresent()
                && widgets.lookup("widget-acme").isPresent());

        // widget-globex lists no origins: no page may open it, whatever its origin.
        for (String origin : new String[] {"https://www.globex.example", null}) {
            List<String> refused = upgrade("widget-globex", origin);
            assertThat(refused.get(0)).startsWith("HTTP/1.1 403");
            assertThat(refused).contains(WidgetUpgradeCheck.REFUSAL + ": widget widget-globex has no allowed origins configured"
                    + " (switchboard.chat.widgets.\"widget-globex\".allowed-origins)");
        }
        // widget-acme lists its site: that page opens a socket, another page is refused with its reason.
        assertThat(upgrade("widget-acme", "https://www.acme-bank.example").get(0)).startsWith("HTTP/1.1 101");
        assertThat(upgrade("widget-acme", "https://evil.example"))
                .contains(WidgetUpgradeCheck.REFUSAL + ": origin https://evil.example is not allowed for widget widget-acme");
    }

    /** A WebSocket upgrade request by hand, to read the refusal's headers: the status line and every header line. */
    private List<String> upgrade(String widgetId, String origin) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /chat/ws/" + widgetId + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            List<String> head = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.add(line);
            }
            return head;
        }
    }
}
