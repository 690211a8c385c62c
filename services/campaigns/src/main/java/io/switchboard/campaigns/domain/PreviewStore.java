package io.switchboard.campaigns.domain;

import java.util.function.Function;

/** Runs preview work in one transaction (port). */
public interface PreviewStore {

    <R> R inTransaction(Function<PreviewSession, R> work);
}
