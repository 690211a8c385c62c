package io.switchboard.customer360.domain;

import java.util.UUID;

import io.switchboard.events.Channel;

/** The customer a contact belongs to. */
public record ContactLink(String contactId, String tenantId, UUID customerId, Channel channel) {
}
