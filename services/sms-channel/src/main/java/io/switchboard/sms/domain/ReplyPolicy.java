package io.switchboard.sms.domain;

import java.time.Instant;

/** Whether an agent may reply in a contact now, and if not, why in words they can act on. */
public record ReplyPolicy(String contactId, String tenantId, boolean canReply, String reason, Instant windowClosesAt) {
}
