package io.switchboard.admin.domain;

import io.switchboard.events.Channel;

/**
 * An address customers reach a tenant on (a DID, an email address, a chat widget id, ...), the queue
 * it leads to and, for a DID, the IVR menu its callers hear first (none: straight to the queue).
 */
public record EntryPointSettings(Channel channel, String address, String queueId, IvrSettings ivr) {

    public EntryPointSettings(Channel channel, String address, String queueId) {
        this(channel, address, queueId, null);
    }
}
