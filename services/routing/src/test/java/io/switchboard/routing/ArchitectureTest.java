package io.switchboard.routing;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.architecture.LayeredArchitecture;

/**
 * Routing's layering: the shared rules of {@link LayeredArchitecture}. The domain drives the routing
 * engine (plain Java, libs/routing-engine) and is fed by {@code messaging}, which owns the Kafka clients.
 */
class ArchitectureTest {

    @Test
    void followsTheSharedLayering() {
        LayeredArchitecture.of("io.switchboard.routing")
                .excludingModule("io.switchboard.routing.engine")
                .allowingInDomain("io.switchboard.routing.engine..")
                .check();
    }
}
