package io.switchboard.sms.domain;

import java.util.UUID;

/** A provider message id seen before, and whether its events still wait for the broker. */
public record KnownInbound(UUID id, String contactId, boolean pending) {
}
