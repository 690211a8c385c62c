package io.switchboard.testing.architecture.borrowing.domain;

import io.switchboard.testing.SampleEvents;

/** A domain that borrows a library it has to name. */
public record Order(String id) {

    public String sample() {
        return SampleEvents.class.getSimpleName();
    }
}
