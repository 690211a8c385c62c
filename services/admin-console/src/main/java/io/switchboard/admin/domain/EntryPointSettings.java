package io.switchboard.admin.domain;

import io.switchboard.events.Channel;

/** An address customers reach a tenant on (a DID, an email address, a chat widget id, ...) and the queue it leads to. */
public record EntryPointSettings(Channel channel, String address, String queueId) {
}
