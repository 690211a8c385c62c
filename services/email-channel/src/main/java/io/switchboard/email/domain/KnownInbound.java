package io.switchboard.email.domain;

import java.util.UUID;

/** What the store already holds for a Message-ID. */
public record KnownInbound(UUID id, String contactId, InboundRecord.Status status) {
}
