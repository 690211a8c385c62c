package io.switchboard.admin.domain;

/** Publishes what committed transactions left in the outbox. */
public interface ConfigPublisher {

    /** Publishes every committed event and returns once the broker acknowledged them; false when some are left for a retry. */
    boolean flush();
}
