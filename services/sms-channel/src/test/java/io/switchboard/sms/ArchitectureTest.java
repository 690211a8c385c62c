package io.switchboard.sms;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.architecture.LayeredArchitecture;

/**
 * The SMS channel's layering: the shared rules of {@link LayeredArchitecture}. Its domain uses nothing
 * but the JDK, the event contract and libphonenumber (normalising numbers is its logic); the SMPP
 * client lives in an adapter.
 */
class ArchitectureTest {

    @Test
    void followsTheSharedLayering() {
        LayeredArchitecture.of("io.switchboard.sms")
                .allowingInDomain("com.google.i18n.phonenumbers..")
                .check();
    }
}
