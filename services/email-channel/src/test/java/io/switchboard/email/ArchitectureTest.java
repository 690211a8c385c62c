package io.switchboard.email;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.architecture.LayeredArchitecture;

/**
 * The email channel's layering: the shared rules of {@link LayeredArchitecture}. Its domain may still
 * carry CDI scope annotations and JBoss logging, and may use service-base's entry-point directory
 * (plain Java), Jakarta Mail's MIME parser and jsoup's HTML sanitizer (parsing and cleaning mail is its
 * logic); it reads no configuration API: {@code config} hands it plain settings.
 */
class ArchitectureTest {

    @Test
    void followsTheSharedLayering() {
        LayeredArchitecture.of("io.switchboard.email")
                .allowingInDomain("jakarta.enterprise.context..", "org.jboss.logging..", "io.switchboard.service.config..",
                        "jakarta.mail..", "org.jsoup..")
                .check();
    }
}
