package io.switchboard.customer360.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.events.Channel;
import io.switchboard.events.address.Address;

/**
 * Everything one batch of events changes, in the order the store writes it. What produces an event
 * names the input event that caused it ({@code inputId}), so that the event can carry its trace.
 */
public final class BatchPlan {

    public record NewCustomer(UUID id, String tenantId, String displayName, String language, Instant createdAt) {
    }

    public record NewIdentity(UUID id, String tenantId, UUID customerId, Address address, boolean strong,
            Instant firstSeen) {
    }

    /** An identity already held, now seen as proof; it is marked strong. */
    public record Strengthened(String tenantId, Address address) {
    }

    /** Name and language the customer lacked, learnt from a contact. */
    public record ProfileFill(UUID customerId, String displayName, String language, UUID inputId) {
    }

    public record PlannedEntry(TimelineEntry entry, UUID customerId, Channel channel) {
    }

    public record PlannedMerge(String tenantId, UUID survivorId, UUID mergedId, Address survivorEvidence,
            Address mergedEvidence, String contactId, Instant at, UUID inputId) {
    }

    public record PlannedSuggestion(UUID id, String tenantId, UUID customerId, UUID otherId, Address customerEvidence,
            Address otherEvidence, String contactId, Instant at) {
    }

    public final List<NewCustomer> customers = new ArrayList<>();
    public final List<NewIdentity> identities = new ArrayList<>();
    public final List<Strengthened> strengthened = new ArrayList<>();
    public final List<ProfileFill> profileFills = new ArrayList<>();
    public final List<ContactLink> links = new ArrayList<>();
    public final List<PlannedEntry> entries = new ArrayList<>();
    public final List<PlannedMerge> merges = new ArrayList<>();
    public final List<PlannedSuggestion> suggestions = new ArrayList<>();
    /**
     * Roots (after this batch's merges) whose snapshot changed, each with the id of the last input
     * event that changed it: the one snapshot of a root that several inputs changed carries its trace.
     */
    public final Map<UUID, UUID> touchedRoots = new LinkedHashMap<>();
    public final List<UUID> processedEventIds = new ArrayList<>();
}
