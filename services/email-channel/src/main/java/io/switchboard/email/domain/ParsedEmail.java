package io.switchboard.email.domain;

import java.util.List;
import java.util.Optional;

/**
 * What an inbound email says, decoded: headers in Unicode, the text to show, the HTML already
 * sanitized, and its files.
 *
 * @param messageId  the Message-ID header with its angle brackets (synthesized from the content when absent)
 * @param inReplyTo  the Message-IDs of In-Reply-To
 * @param references the Message-IDs of References, oldest first
 * @param fromAddress the From mailbox, or null when the header is missing or unreadable
 * @param html       sanitized HTML, or null when the message has no HTML part
 * @param autoReply  why the loop guard holds it back (RFC 3834), when it is an auto-reply or a bounce
 */
public record ParsedEmail(String messageId, List<String> inReplyTo, List<String> references, String subject,
        String fromAddress, String fromName, String text, String html, List<ParsedAttachment> attachments,
        Optional<String> autoReply) {

    /** Message-IDs this message answers, the most direct first. */
    public List<String> threadReferences() {
        List<String> ids = new java.util.ArrayList<>(inReplyTo);
        for (int i = references.size() - 1; i >= 0; i--) {
            if (!ids.contains(references.get(i))) {
                ids.add(references.get(i));
            }
        }
        return ids;
    }
}
