package io.switchboard.social.domain;

import java.time.Instant;
import java.util.List;

/**
 * What the inbox shows before an agent types: whether a free-form reply can go out now, why not, when
 * the window closes, and the templates allowed instead (GET /api/contacts/{id}/reply-policy).
 */
public record ReplyPolicy(String contactId, String channel, String platform, boolean canReply, String reason,
        Instant windowClosesAt, List<TemplateView> templates) {

    public record TemplateView(String name, String language, String text, int parameters) {

        static TemplateView of(Template template) {
            return new TemplateView(template.name(), template.language(), template.text(), template.parameters());
        }
    }
}
