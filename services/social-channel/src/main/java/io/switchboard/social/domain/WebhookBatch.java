package io.switchboard.social.domain;

import java.util.List;

/** What one webhook call carried: messages, status reports, and the parts skipped with their reason. */
public record WebhookBatch(List<InboundMessage> messages, List<StatusReport> statuses, List<String> skipped) {

    public WebhookBatch {
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
        skipped = List.copyOf(skipped);
    }
}
