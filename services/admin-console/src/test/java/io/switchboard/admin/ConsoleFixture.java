package io.switchboard.admin;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.keycloak.KeycloakServer;

/**
 * Two tenants of a suite's own, each with an admin, plus a supervisor and an agent of the first:
 * real Keycloak users with real tokens.
 */
final class ConsoleFixture {

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String tenant = "ten-" + suffix;
    final String otherTenant = "oth-" + suffix;
    final String admin = "adm-" + suffix;
    final String otherAdmin = "oadm-" + suffix;
    final String supervisor = "sup-" + suffix;
    final String agent = "agt-" + suffix;

    ConsoleFixture() {
        KeycloakServer keycloak = KeycloakServer.shared();
        keycloak.createUser(admin, List.of("admin"), List.of(tenant));
        keycloak.createUser(otherAdmin, List.of("admin"), List.of(otherTenant));
        keycloak.createUser(supervisor, List.of("supervisor"), List.of(tenant));
        keycloak.createUser(agent, List.of("agent"), List.of(tenant));
    }

    static RequestSpecification as(String username) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(username)).contentType(ContentType.JSON);
    }

    static Map<String, Object> tenantBody(String name) {
        return Map.of("name", name, "timeZone", "Europe/London", "defaultRegion", "GB",
                "businessHours", List.of(Map.of("day", "MONDAY", "opens", "08:00", "closes", "18:00")));
    }

    static Map<String, Object> queueBody(String name, Map<String, Integer> skills) {
        return Map.of("name", name, "requiredSkills", skills, "priority", 1, "serviceLevelSeconds", 20,
                "serviceLevelPercent", 80, "strategy", "LONGEST_IDLE", "offerTimeoutSeconds", 20);
    }

    /** Creates both tenants with a skill catalogue (billing, loans) and a queue {@code general} each. */
    void createTenants() {
        for (String[] t : new String[][] { { admin, tenant }, { otherAdmin, otherTenant } }) {
            as(t[0]).body(tenantBody("Tenant " + t[1])).put("/api/tenants/" + t[1]).then().statusCode(200);
            as(t[0]).body(Map.of("name", "Billing")).put("/api/tenants/" + t[1] + "/skills/billing").then().statusCode(200);
            as(t[0]).body(Map.of("name", "Loans")).put("/api/tenants/" + t[1] + "/skills/loans").then().statusCode(200);
            as(t[0]).body(queueBody("General", Map.of())).put("/api/tenants/" + t[1] + "/queues/general").then().statusCode(200);
        }
    }
}
