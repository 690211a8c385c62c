package io.switchboard.admin;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.architecture.LayeredArchitecture;

/**
 * The console's layering: the shared rules of {@link LayeredArchitecture}. The domain may use Jackson's
 * tree model for the settings it validates and the routing engine's Erlang formulas for the staffing
 * forecast (both plain Java); Keycloak's admin client lives in an adapter.
 */
class ArchitectureTest {

    @Test
    void followsTheSharedLayering() {
        LayeredArchitecture.of("io.switchboard.admin")
                .allowingInDomain("com.fasterxml.jackson.databind..", "io.switchboard.routing.engine.erlang..")
                .check();
    }
}
