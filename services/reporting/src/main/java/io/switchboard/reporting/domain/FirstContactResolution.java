package io.switchboard.reporting.domain;

import java.time.Duration;
import java.time.Instant;

/** A contact is resolved first time when the same customer does not come back, on any channel, within this window. */
public final class FirstContactResolution {

    public static final Duration WINDOW = Duration.ofHours(24);

    private FirstContactResolution() {
    }

    /** Whether {@code other}, created at {@code otherCreatedAt}, is the customer coming back after {@code contact}. */
    public static boolean comesBack(ContactFact contact, String otherContactId, Instant otherCreatedAt) {
        return !contact.contactId().equals(otherContactId) && otherCreatedAt.isAfter(contact.createdAt())
                && !otherCreatedAt.isAfter(contact.createdAt().plus(WINDOW));
    }
}
