package io.switchboard.social.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An inbound message ready to store: its id, its tenant, and what it carried. */
public record NewInbound(UUID id, String tenantId, InboundMessage message, List<StoredFile> files, Instant receivedAt) {
}
