package io.switchboard.admin;

import static io.switchboard.admin.ConsoleFixture.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/** Tokens still verify, but the console's Keycloak admin client points at a port nothing listens on. */
@QuarkusTest
@TestProfile(KeycloakDownTest.AdminApiDown.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "admin"))
@WithTestResource(KeycloakResource.class)
class KeycloakDownTest {

    public static class AdminApiDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.keycloak.admin-client.server-url", "http://127.0.0.1:9");
        }
    }

    @Test
    void anAgentChangeGets503WithAReasonAndNothingIsWritten() {
        ConsoleFixture f = new ConsoleFixture();
        f.createTenants();
        as(f.admin).body(AdminConsoleServiceTest.agentBody(List.of(f.tenant), Map.of("billing", 2), "correct-horse-9"))
                .put("/api/tenants/" + f.tenant + "/agents/down-" + f.suffix)
                .then().statusCode(503).body("detail", containsString("Keycloak does not answer"))
                .body("detail", containsString("nothing was changed"));
        as(f.admin).get("/api/tenants/" + f.tenant + "/audit").then().statusCode(200)
                .body("entityType", not(hasItem("agent")));
        as(f.supervisor).get("/api/tenants/" + f.tenant + "/agents").then().statusCode(503);
    }
}
