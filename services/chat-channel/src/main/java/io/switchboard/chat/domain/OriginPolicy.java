package io.switchboard.chat.domain;

import java.util.List;
import java.util.Optional;

/**
 * Which pages may open a widget's socket. A widget lists the origins of the sites that embed it; one
 * without a list is refused when the list is required (outside the local, dev and test profiles), so a
 * widget id copied into any page cannot open conversations in the tenant's name.
 */
public final class OriginPolicy {

    private final boolean requireAllowedOrigins;

    public OriginPolicy(boolean requireAllowedOrigins) {
        this.requireAllowedOrigins = requireAllowedOrigins;
    }

    /** Why a page of {@code origin} may not open the widget's socket, or empty when it may. */
    public Optional<String> refusal(String widgetId, List<String> allowedOrigins, String origin) {
        if (allowedOrigins.isEmpty()) {
            return requireAllowedOrigins
                    ? Optional.of("widget " + widgetId + " has no allowed origins configured"
                            + " (switchboard.chat.widgets.\"" + widgetId + "\".allowed-origins)")
                    : Optional.empty();
        }
        if (origin == null || !allowedOrigins.contains(origin)) {
            return Optional.of("origin " + (origin == null ? "(none)" : origin) + " is not allowed for widget " + widgetId);
        }
        return Optional.empty();
    }
}
