package io.switchboard.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What the provider reported about a reply after the channel handed it over: queued at the carrier,
 * sent to the network, delivered to the handset, read, or lost on the way. Published by channels whose
 * providers report delivery (SMS, the messaging platforms), carrying the reply's {@code messageId}.
 * Statuses may arrive out of order; consumers keep the furthest one ({@link Status#rank()}).
 *
 * @param status         the new status
 * @param reason         why it failed or was not delivered, in the provider's words (null otherwise)
 * @param providerStatus the provider's own status or error code, for support (e.g. {@code undelivered/30003})
 */
public record ContactMessageStatusChanged(UUID eventId, String tenantId, Instant occurredAt, String contactId,
        String messageId, Channel channel, Status status, String reason, String providerStatus,
        Map<String, String> metadata) implements ContactEvent {

    /** A reply's delivery, in the order it normally progresses. */
    public enum Status {
        QUEUED(1), SENT(2), DELIVERED(3), READ(4), UNDELIVERED(5), FAILED(5);

        private final int rank;

        Status(int rank) {
            this.rank = rank;
        }

        /** How far the message got: a status never replaces one of a higher rank. */
        public int rank() {
            return rank;
        }
    }

    public ContactMessageStatusChanged {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(messageId, "messageId");
        Require.present(channel, "channel");
        Require.present(status, "status");
        metadata = Require.map(metadata);
    }
}
