package io.switchboard.service.config;

import java.util.Set;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * Makes a service refuse to start when its database credentials are missing (issue 14). A service's
 * application.properties sets {@code quarkus.datasource.username=${QUARKUS_DATASOURCE_USERNAME}} (and the
 * password alike) outside the %dev and %test profiles. Those settings are optional in Quarkus, and an
 * optional setting whose expression cannot be expanded quietly becomes empty, so the service would
 * connect as nobody in particular (the operating-system user) and fail later with an authentication error
 * that names no variable. This interceptor turns that one case into a start-up failure that names the
 * missing variable. Anything else, and every value that is set, passes through unchanged.
 */
@Priority(Priorities.LIBRARY + 400)
public class RequiredDatabaseCredentials implements ConfigSourceInterceptor {

    private static final long serialVersionUID = 1L;

    static final Set<String> CREDENTIALS = Set.of("quarkus.datasource.username", "quarkus.datasource.password");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (!CREDENTIALS.contains(name)) {
            return context.proceed(name);
        }
        ConfigValue value = context.proceed(name);
        if (value != null && value.hasProblems()) {
            throw new IllegalStateException("The database credentials are missing: " + name + " comes from the environment in"
                    + " this profile (" + value.getProblems().get(0).getMessage() + "). Set QUARKUS_DATASOURCE_USERNAME and"
                    + " QUARKUS_DATASOURCE_PASSWORD to the service's own database role (docs/operations.md, Database roles).");
        }
        return value;
    }
}
