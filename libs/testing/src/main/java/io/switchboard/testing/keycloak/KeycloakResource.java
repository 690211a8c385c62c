package io.switchboard.testing.keycloak;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} service at the JVM's shared real Keycloak. Tests get tokens with
 * {@code KeycloakServer.shared().accessToken("alice")}.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        KeycloakServer server = KeycloakServer.shared();
        return Map.of("quarkus.oidc.auth-server-url", server.realmUrl(),
                "quarkus.oidc.tenant-enabled", "true");
    }

    @Override
    public void stop() {
        // Shared by every suite of the JVM; a shutdown hook stops it.
    }
}
