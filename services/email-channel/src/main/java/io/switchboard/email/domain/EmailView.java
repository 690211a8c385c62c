package io.switchboard.email.domain;

import java.time.Instant;
import java.util.List;

/** One message of a thread as the inbox shows it: inbound (sanitized) or an agent's reply. */
public record EmailView(String id, String tenantId, String contactId, String direction, String messageId,
        String from, String fromName, String to, String subject, String text, String html, String status,
        String reason, Instant at, List<AttachmentView> attachments) {

    public record AttachmentView(String id, String filename, String contentType, String contentId, boolean inline,
            long sizeBytes) {
    }
}
