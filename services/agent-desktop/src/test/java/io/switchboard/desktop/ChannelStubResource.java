package io.switchboard.desktop;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The SMS and social channels' reply-policy API and the reporting service's reports, played by one WireMock server over real HTTP on a
 * random loopback port; tests stub it per contact through {@link #server()}.
 */
public class ChannelStubResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String url = "http://127.0.0.1:" + server.port();
        return Map.of("switchboard.desktop.sms-channel-url", url + "/sms", "switchboard.desktop.social-channel-url", url + "/social",
                "switchboard.desktop.reporting-url", url + "/reporting", "switchboard.desktop.campaigns-url", url + "/campaigns",
                "switchboard.desktop.fax-channel-url", url + "/fax");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static WireMockServer server() {
        return server;
    }
}
