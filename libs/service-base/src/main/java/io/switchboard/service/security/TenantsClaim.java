package io.switchboard.service.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;

/**
 * The tenants a signed-in user serves, from the access token's {@code tenants} claim (a Keycloak user
 * attribute mapped into the token, see deploy/keycloak). Every service that checks tenants reads it
 * here, so they all agree on its shapes: a JSON array, a single string, or a plain collection.
 */
public final class TenantsClaim {

    public static final String NAME = "tenants";

    private TenantsClaim() {
    }

    public static Set<String> read(Object claim) {
        Set<String> tenants = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            array.getValuesAs(JsonString.class).forEach(s -> tenants.add(s.getString()));
        } else if (claim instanceof JsonString text) {
            tenants.add(text.getString());
        } else if (claim instanceof Collection<?> values) {
            values.forEach(v -> tenants.add(v instanceof JsonString s ? s.getString() : String.valueOf(v)));
        } else if (claim instanceof String text) {
            tenants.add(text);
        }
        tenants.removeIf(String::isBlank);
        return tenants;
    }
}
