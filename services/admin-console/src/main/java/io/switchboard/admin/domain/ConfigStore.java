package io.switchboard.admin.domain;

import java.util.function.Function;

/**
 * Where the console keeps tenants, skills, queues, entry points, the audit log and the events still
 * to publish. Everything one change writes happens in one transaction: the configuration, its audit
 * line and its outbox events commit together or not at all.
 */
public interface ConfigStore {

    <T> T inTransaction(Function<ConfigTransaction, T> work);
}
