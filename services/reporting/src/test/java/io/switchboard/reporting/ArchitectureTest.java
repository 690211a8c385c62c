package io.switchboard.reporting;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.architecture.LayeredArchitecture;

/** reporting's layering: the shared rules of {@link LayeredArchitecture}; the figures' maths is plain Java. */
class ArchitectureTest {

    @Test
    void followsTheSharedLayering() {
        LayeredArchitecture.of("io.switchboard.reporting").check();
    }
}
