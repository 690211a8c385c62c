package io.switchboard.chat;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.architecture.LayeredArchitecture;

/**
 * The chat channel's layering: the shared rules of {@link LayeredArchitecture}. Its domain may still
 * carry CDI scope annotations, JBoss logging and Jackson annotations on its frame records, and may use
 * service-base's entry-point directory (plain Java); it reads no configuration API: {@code config}
 * hands it plain settings.
 */
class ArchitectureTest {

    @Test
    void followsTheSharedLayering() {
        LayeredArchitecture.of("io.switchboard.chat")
                .allowingInDomain("jakarta.enterprise.context..", "org.jboss.logging..", "com.fasterxml.jackson.annotation..",
                        "io.switchboard.service.config..")
                .check();
    }
}
