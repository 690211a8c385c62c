package io.switchboard.admin.persistence;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.admin.domain.InvalidConfigurationException;

/**
 * Keycloak's 400 answers about a user, as field errors. The realm's password policy (length, history,
 * not the user name) is Keycloak's to enforce; its refusal names the password field so the console
 * shows it beside the password, with Keycloak's own description.
 */
final class KeycloakRefusals {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakRefusals() {
    }

    static InvalidConfigurationException ofUser(String body) {
        String reason = reason(body);
        if (reason.toLowerCase(Locale.ROOT).contains("password")) {
            return InvalidConfigurationException.of("password", "the realm's password policy refused it: " + reason);
        }
        return InvalidConfigurationException.of("", "Keycloak refused the user: " + reason);
    }

    /** {@code error_description}, else {@code errorMessage}, else {@code error}, else the body as sent. */
    private static String reason(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            for (String field : new String[] {"error_description", "errorMessage", "error"}) {
                if (error.hasNonNull(field) && !error.get(field).asText().isBlank()) {
                    return error.get(field).asText();
                }
            }
        } catch (Exception notJson) {
            // Keycloak answered with something other than its error JSON; show it as it came.
        }
        return body == null ? "" : body.strip();
    }
}
