package io.switchboard.admin;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.testing.keycloak.KeycloakServer;

/** Points the console's Keycloak admin client at the JVM's shared real Keycloak (the realm's admin-console client). */
public class KeycloakAdminClientResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.keycloak.admin-client.server-url", "http://127.0.0.1:" + KeycloakServer.shared().port());
    }

    @Override
    public void stop() {
        // The shared Keycloak stops with the JVM.
    }
}
