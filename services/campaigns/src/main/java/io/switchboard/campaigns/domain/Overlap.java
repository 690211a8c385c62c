package io.switchboard.campaigns.domain;

import java.util.UUID;

/** Another running or paused campaign of the tenant holding some of the same numbers. */
public record Overlap(UUID campaignId, String name, long numbers) {
}
