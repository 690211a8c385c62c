package io.switchboard.sms;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The provider's REST API (Twilio's shape) and its media host, simulated over real HTTP on a random port. */
public class WireMockResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of("switchboard.sms.twilio.api-base-url", server.baseUrl() + "/twilio",
                "switchboard.sms.vonage.api-base-url", server.baseUrl() + "/vonage");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
