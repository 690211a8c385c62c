package io.switchboard.customer360;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.architecture.LayeredArchitecture;

/**
 * customer360's layering: the shared rules of {@link LayeredArchitecture}. The domain (identity
 * resolution, the batch planner, the timeline) is tested and benchmarked alone; it may log through
 * JBoss logging and nothing else of a framework.
 */
class ArchitectureTest {

    @Test
    void followsTheSharedLayering() {
        LayeredArchitecture.of("io.switchboard.customer360")
                .allowingInDomain("org.jboss.logging..")
                .check();
    }
}
