package io.switchboard.campaigns;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.architecture.LayeredArchitecture;

/**
 * The campaign service's layering: the shared rules of {@link LayeredArchitecture}. Its domain uses the JDK, the
 * event contract and the dialer engine (pacing, windows, retries and CSV lists are its logic), nothing else.
 */
class ArchitectureTest {

    @Test
    void followsTheSharedLayering() {
        LayeredArchitecture.of("io.switchboard.campaigns").allowingInDomain("io.switchboard.dialer.engine..").check();
    }
}
