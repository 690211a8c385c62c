package io.switchboard.desktop;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.architecture.LayeredArchitecture;

/**
 * The desktop's layering: the shared rules of {@link LayeredArchitecture}, with the domain behind its
 * ports ({@code InboxStore}, {@code CommandBus}, {@code Pushes}, {@code LiveSockets}). It refuses a
 * request with a {@code DesktopException}, which api/ turns into its problem response. The domain may
 * use Jackson's tree model for the JSON it stores and pushes.
 */
class ArchitectureTest {

    @Test
    void followsTheSharedLayering() {
        LayeredArchitecture.of("io.switchboard.desktop")
                .allowingInDomain("com.fasterxml.jackson.core..", "com.fasterxml.jackson.databind..")
                .check();
    }
}
