package io.switchboard.desktop;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.testing.keycloak.KeycloakServer;

/** Points the web app's sign-in ({@code GET /api/config}) at the test JVM's Keycloak, for the browser test. */
public class SignInResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("switchboard.desktop.keycloak-url", "http://127.0.0.1:" + KeycloakServer.shared().port());
    }

    @Override
    public void stop() {
        // The Keycloak is the JVM's shared one.
    }
}
