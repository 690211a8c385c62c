package io.switchboard.campaigns.domain;

import java.util.List;
import java.util.Optional;

/** The do-not-call table and the outbox, inside one transaction (port). */
public interface DoNotCallSession {

    /** Adds the entries not there yet, returning those added. */
    List<DoNotCallEntry> add(List<DoNotCallEntry> entries);

    boolean remove(String tenantId, String number);

    /** Whether a source other than do-not-call (an SMS STOP) has the number opted out on the consent topic. */
    boolean optedOutElsewhere(String tenantId, String number);

    void publish(StoredEvent event);

    Optional<DoNotCallEntry> find(String tenantId, String number);
}
