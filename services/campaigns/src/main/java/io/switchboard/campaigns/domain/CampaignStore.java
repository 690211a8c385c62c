package io.switchboard.campaigns.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** Campaigns, their lists and their figures (port). */
public interface CampaignStore {

    void insert(Campaign campaign);

    Optional<Campaign> find(String tenantId, UUID id);

    List<Campaign> list(String tenantId);

    /** Writes the campaign's settings and state if its state is still one of {@code from}; false otherwise. */
    boolean update(Campaign campaign, Set<CampaignState> from);

    /**
     * Adds the entries whose number the campaign does not have yet (the others come back as rejected) and sets the
     * list's columns; {@code replace} first removes every record (only before the first attempt).
     */
    List<ListEntry> add(Campaign campaign, Collection<ListEntry> entries, List<String> columns, boolean replace, Instant now);

    boolean hasAttempts(UUID campaignId);

    long recordCount(UUID campaignId);

    /** The tenant's other RUNNING or PAUSED campaigns sharing numbers with this one, most shared first. */
    List<Overlap> overlaps(String tenantId, UUID campaignId);

    Progress progress(UUID campaignId, Instant dayStart);

    List<RecordView> records(UUID campaignId, int offset, int limit);

    /** Every record in list order, streamed. */
    void eachRecord(UUID campaignId, Consumer<RecordView> row);
}
