package io.switchboard.testing.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class RealmOverlayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void settingsAreReplacedClientsChangedByIdAndUsersAdded() throws Exception {
        JsonNode production = JSON.readTree("""
                {"realm": "switchboard", "passwordPolicy": "length(12)", "bruteForceProtected": true,
                 "clients": [{"clientId": "desktop", "directAccessGrantsEnabled": false, "publicClient": true},
                             {"clientId": "api", "bearerOnly": true}],
                 "users": [{"username": "service-account"}]}""");
        JsonNode overlay = JSON.readTree("""
                {"realm": {"passwordPolicy": ""},
                 "clients": [{"clientId": "desktop", "directAccessGrantsEnabled": true}],
                 "users": [{"username": "alice"}]}""");

        JsonNode local = RealmOverlay.apply(production, overlay);

        assertThat(local.path("passwordPolicy").asText()).isEmpty();
        assertThat(local.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(local.path("clients").get(0).path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(local.path("clients").get(0).path("publicClient").asBoolean()).isTrue();
        assertThat(local.path("clients").get(1)).isEqualTo(production.path("clients").get(1));
        assertThat(local.path("users").findValuesAsText("username")).containsExactly("service-account", "alice");
        assertThat(production.path("users")).as("the production realm is not changed").hasSize(1);
    }

    @Test
    void anOverlayForAClientTheRealmLacksIsRefused() throws Exception {
        JsonNode production = JSON.readTree("{\"clients\": [{\"clientId\": \"desktop\"}]}");
        JsonNode overlay = JSON.readTree("{\"clients\": [{\"clientId\": \"renamed\", \"secret\": \"x\"}]}");

        assertThatThrownBy(() -> RealmOverlay.apply(production, overlay)).hasMessageContaining("renamed");
    }

    @Test
    void theProjectsOverlayGivesTheLocalRealmItsDemoUsersAndPasswordGrant() throws Exception {
        Path keycloak = Path.of("../../deploy/keycloak");
        JsonNode production = JSON.readTree(keycloak.resolve("switchboard-realm.json").toFile());
        JsonNode local = RealmOverlay.apply(production, JSON.readTree(keycloak.resolve("local-overlay.json").toFile()));

        assertThat(production.path("users").findValues("credentials")).as("no passwords in the production realm").isEmpty();
        assertThat(local.path("users").findValuesAsText("username")).contains("alice", "sam", "ada");
        for (JsonNode client : local.path("clients")) {
            if (client.path("clientId").asText().equals(KeycloakServer.CLIENT)) {
                assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isTrue();
            }
        }
    }
}
