package io.switchboard.social.domain;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.switchboard.events.address.SocialPlatform;

/** The reply policy of a contact, for the inbox (see {@link ReplyPolicy}). */
public class ReplyPolicies {

    private final SocialStore store;
    private final TemplateCatalog templates;
    private final Clock clock;
    private final boolean humanAgentTag;

    public ReplyPolicies(SocialStore store, TemplateCatalog templates, Clock clock, boolean humanAgentTag) {
        this.store = store;
        this.templates = templates;
        this.clock = clock;
        this.humanAgentTag = humanAgentTag;
    }

    /** The policy of a contact of one of these tenants; empty for an unknown contact or another tenant's. */
    public Optional<ReplyPolicy> of(String contactId, Set<String> tenants) throws StoreException {
        Optional<Conversation> found = store.conversation(contactId).filter(c -> tenants.contains(c.tenantId()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Conversation conversation = found.get();
        SocialPlatform platform = conversation.account().platform();
        ServiceWindow window = ServiceWindow.of(platform, conversation.lastInboundAt(), clock.instant(), humanAgentTag);
        if (window.open()) {
            return Optional.of(new ReplyPolicy(contactId, "SOCIAL", platform.name(), true, null, window.closesAt(), List.of()));
        }
        List<ReplyPolicy.TemplateView> allowed = platform == SocialPlatform.WHATSAPP
                ? templates.of(conversation.tenantId()).stream().map(ReplyPolicy.TemplateView::of).toList()
                : List.of();
        String reason = window.closedReason(platform);
        if (platform == SocialPlatform.WHATSAPP && allowed.isEmpty()) {
            reason = reason + " (this tenant has no approved templates configured)";
        }
        return Optional.of(new ReplyPolicy(contactId, "SOCIAL", platform.name(), false, reason, window.closesAt(), allowed));
    }
}
