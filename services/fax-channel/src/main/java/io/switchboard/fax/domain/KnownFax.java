package io.switchboard.fax.domain;

import java.util.UUID;

/** A fax seen before (same provider and provider id); pending while its events were not yet acknowledged. */
public record KnownFax(UUID id, String contactId, boolean pending) {
}
