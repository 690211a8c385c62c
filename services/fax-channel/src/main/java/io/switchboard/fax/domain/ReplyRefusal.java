package io.switchboard.fax.domain;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactMessageFailed;
import io.switchboard.events.ReplyRequested;

/**
 * This channel sends no fax: an agent's reply to a fax contact is answered at once with a permanent
 * contact.message.failed telling them how to reach the sender instead, so no reply waits silently. The
 * failure's id derives from the reply's message id, so a redelivered request yields the same event
 * (consumers drop it by id) and publishing is the only write.
 */
public class ReplyRefusal {

    public static final String REASON = "Faxes cannot be answered by fax from Switchboard: call the sender back on their number, "
            + "or answer by email.";

    private final Clock clock;

    public ReplyRefusal(Clock clock) {
        this.clock = clock;
    }

    public ContactMessageFailed answer(ReplyRequested reply) {
        UUID id = UUID.nameUUIDFromBytes(("fax-reply-refused:" + reply.tenantId() + ":" + reply.messageId())
                .getBytes(StandardCharsets.UTF_8));
        return new ContactMessageFailed(id, reply.tenantId(), clock.instant(), reply.contactId(), reply.messageId(), Channel.FAX,
                reply.agentId(), REASON, true, Map.of("refusal", "outbound-fax-unsupported"));
    }
}
