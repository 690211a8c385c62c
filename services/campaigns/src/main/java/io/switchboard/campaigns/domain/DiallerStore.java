package io.switchboard.campaigns.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/** The running campaigns and their leases (port). */
public interface DiallerStore {

    /** RUNNING campaigns whose lease is free, expired or {@code instance}'s. */
    List<UUID> dialable(String instance, Instant now);

    /**
     * Takes (or renews) the campaign's lease until {@code leaseUntil} and runs {@code tick} in the same transaction,
     * with the campaign row locked; empty when the campaign is not RUNNING or another instance holds it.
     */
    <R> Optional<R> withLease(UUID campaignId, String instance, Instant now, Instant leaseUntil,
            BiFunction<Campaign, DialSession, R> tick);
}
