package io.switchboard.social;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The Graph API ({@code /graph}) and the Telegram Bot API ({@code /telegram}) simulated by WireMock
 * over real HTTP on a random loopback port. Tests drive it through WireMock's admin API at
 * {@code switchboard.social.meta.graph-api-base-url} minus {@code /graph}.
 */
public class WireMockPlatforms implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(20).asynchronousResponseEnabled(false));
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        return Map.of("switchboard.social.meta.graph-api-base-url", base + "/graph",
                "switchboard.social.telegram.api-base-url", base + "/telegram");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
