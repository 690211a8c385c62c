package io.switchboard.campaigns.domain;

import java.util.List;
import java.util.function.Function;

/** The tenant's do-not-call list (port). */
public interface DoNotCallStore {

    <R> R inTransaction(Function<DoNotCallSession, R> work);

    List<DoNotCallEntry> list(String tenantId, int limit);

    /** Whether the consent topic has the number opted out by any source. */
    boolean optedOut(String tenantId, String number);
}
