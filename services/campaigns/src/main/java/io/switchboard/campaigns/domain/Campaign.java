package io.switchboard.campaigns.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A campaign with its state and the columns of its list (in the list's order, without the phone). */
public record Campaign(UUID id, String tenantId, CampaignSettings settings, CampaignState state, List<String> listColumns,
        String createdBy, Instant createdAt, Instant updatedAt) {

    public Campaign {
        listColumns = List.copyOf(listColumns);
    }

    public Campaign withState(CampaignState next, Instant at) {
        return new Campaign(id, tenantId, settings, next, listColumns, createdBy, createdAt, at);
    }
}
