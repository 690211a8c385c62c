package io.switchboard.social.domain;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.AttachmentRef;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.ContactMessageFailed;
import io.switchboard.events.ContactMessageSent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.SocialPlatform;

/**
 * Delivers an agent's reply on the conversation's platform. Free-form text only inside the platform's
 * window ({@link ServiceWindow}); outside it a WhatsApp reply must name an approved template
 * (metadata {@code template}, {@code templateLanguage}, {@code templateParameters}) and is sent as
 * one. Rate limits and outages are retried with backoff; refusals that cannot pass fail at once.
 * Each request is decided once and its outcome event carries an id derived from the request, so a
 * redelivered request is answered again with the same event and never sent twice.
 */
public class ReplyDelivery {

    public static final String TEMPLATE = "template";
    public static final String TEMPLATE_LANGUAGE = "templateLanguage";
    public static final String TEMPLATE_PARAMETERS = "templateParameters";
    private static final System.Logger LOG = System.getLogger(ReplyDelivery.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SocialStore store;
    private final PlatformGateway platforms;
    private final EventPublisher publisher;
    private final TemplateCatalog templates;
    private final Clock clock;
    private final Settings settings;

    /** Retries and windows. */
    public record Settings(int maxAttempts, Duration retryDelay, Duration maxRetryDelay, boolean humanAgentTag,
            Duration publishTimeout) {
    }

    public ReplyDelivery(SocialStore store, PlatformGateway platforms, EventPublisher publisher, TemplateCatalog templates,
            Clock clock, Settings settings) {
        this.store = store;
        this.platforms = platforms;
        this.publisher = publisher;
        this.templates = templates;
        this.clock = clock;
        this.settings = settings;
    }

    public void deliver(ReplyRequested reply) throws StoreException, InterruptedException {
        Optional<OutboundRecord> decided = store.outbound(reply.messageId());
        OutboundRecord outcome = decided.isPresent() ? decided.get() : attempt(reply);
        if (decided.isEmpty()) {
            store.saveOutbound(outcome);
        }
        publisher.publish(List.of(publisher.encode(outcomeEvent(reply, outcome))), settings.publishTimeout());
    }

    private OutboundRecord attempt(ReplyRequested reply) throws StoreException, InterruptedException {
        Optional<Conversation> found = store.conversation(reply.contactId()).filter(c -> c.tenantId().equals(reply.tenantId()));
        if (found.isEmpty()) {
            return failed(reply, null, null, "no social conversation " + reply.contactId() + " for tenant " + reply.tenantId(), true);
        }
        Conversation conversation = found.get();
        SocialPlatform platform = conversation.account().platform();
        String templateName = reply.metadata().get(TEMPLATE);
        if (templateName != null && !templateName.isBlank()) {
            return template(reply, conversation, templateName);
        }
        ServiceWindow window = ServiceWindow.of(platform, conversation.lastInboundAt(), clock.instant(), settings.humanAgentTag());
        if (!window.open()) {
            return failed(reply, conversation, null, window.closedReason(platform), true);
        }
        List<AttachmentRef> attachments = reply.attachments();
        if (!attachments.isEmpty() && platform != SocialPlatform.TELEGRAM) {
            return failed(reply, conversation, null, "files are not sent on " + platform + " by this channel yet; send the text alone",
                    true);
        }
        String providerId = null;
        String text = reply.text() == null ? "" : reply.text();
        if (!text.isBlank()) {
            Result sent = send(reply, new PlatformGateway.Send(conversation.account(), conversation.customerId(), text, null, null,
                    window.tag()));
            if (sent.failure != null) {
                return failed(reply, conversation, null, sent.failure.getMessage(), !sent.failure.retryable());
            }
            providerId = sent.providerId;
        }
        for (int i = 0; i < attachments.size(); i++) {
            // Telegram fetches each file from its URL (sendPhoto for images, sendDocument otherwise).
            Result sent = send(reply, new PlatformGateway.Send(conversation.account(), conversation.customerId(), null, null,
                    attachments.get(i), null));
            if (sent.failure != null) {
                return failed(reply, conversation, null, sent.failure.getMessage(), !sent.failure.retryable());
            }
            providerId = providerId == null ? sent.providerId : providerId;
        }
        return new OutboundRecord(reply.messageId(), reply.tenantId(), reply.contactId(), reply.agentId(),
                conversation.account().address(), conversation.customerId(), providerId, true, null, false, null, text,
                clock.instant());
    }

    private OutboundRecord template(ReplyRequested reply, Conversation conversation, String name) throws InterruptedException {
        SocialPlatform platform = conversation.account().platform();
        if (platform != SocialPlatform.WHATSAPP) {
            return failed(reply, conversation, name, "templates are a WhatsApp feature; " + platform
                    + " takes free-form replies within its window", true);
        }
        String language = reply.metadata().get(TEMPLATE_LANGUAGE);
        Optional<Template> template = templates.find(reply.tenantId(), name, language);
        if (template.isEmpty()) {
            return failed(reply, conversation, name, "no approved template '" + name + "'" + (language == null ? "" : " in " + language)
                    + " for tenant " + reply.tenantId(), true);
        }
        List<String> parameters;
        try {
            parameters = parameters(reply.metadata().get(TEMPLATE_PARAMETERS));
        } catch (IllegalArgumentException e) {
            return failed(reply, conversation, name, e.getMessage(), true);
        }
        if (parameters.size() != template.get().parameters()) {
            return failed(reply, conversation, name, "template '" + name + "' takes " + template.get().parameters()
                    + " parameters, the reply gave " + parameters.size(), true);
        }
        Result sent = send(reply, new PlatformGateway.Send(conversation.account(), conversation.customerId(), null,
                new PlatformGateway.TemplateSend(name, template.get().language(), parameters), null, null));
        if (sent.failure != null) {
            return failed(reply, conversation, name, sent.failure.getMessage(), !sent.failure.retryable());
        }
        return new OutboundRecord(reply.messageId(), reply.tenantId(), reply.contactId(), reply.agentId(),
                conversation.account().address(), conversation.customerId(), sent.providerId, true, null, false, name,
                template.get().render(parameters), clock.instant());
    }

    private record Result(String providerId, PlatformException failure) {
    }

    private Result send(ReplyRequested reply, PlatformGateway.Send send) throws InterruptedException {
        int attempts = Math.max(1, settings.maxAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                return new Result(platforms.send(send), null);
            } catch (PlatformException refused) {
                LOG.log(Level.WARNING, "reply {0}, attempt {1} of {2}: {3}", reply.messageId(), attempt, attempts, refused.getMessage());
                if (!refused.retryable() || attempt >= attempts) {
                    return new Result(null, refused);
                }
                Duration backoff = settings.retryDelay().multipliedBy(1L << Math.min(attempt - 1, 10));
                if (refused.retryAfter() != null && refused.retryAfter().compareTo(backoff) > 0) {
                    backoff = refused.retryAfter();
                }
                if (backoff.compareTo(settings.maxRetryDelay()) > 0) {
                    backoff = settings.maxRetryDelay();
                }
                Thread.sleep(backoff.toMillis());
            }
        }
    }

    static List<String> parameters(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            JsonNode array = JSON.readTree(json);
            if (!array.isArray()) {
                throw new IllegalArgumentException("templateParameters must be a JSON array of strings");
            }
            List<String> values = new ArrayList<>();
            for (JsonNode value : array) {
                if (!value.isTextual() && !value.isNumber()) {
                    throw new IllegalArgumentException("templateParameters must be a JSON array of strings");
                }
                values.add(value.asText());
            }
            return values;
        } catch (IOException e) {
            throw new IllegalArgumentException("templateParameters is not valid JSON: " + e.getMessage());
        }
    }

    private OutboundRecord failed(ReplyRequested reply, Conversation conversation, String template, String reason,
            boolean permanent) {
        return new OutboundRecord(reply.messageId(), reply.tenantId(), reply.contactId(), reply.agentId(),
                conversation == null ? null : conversation.account().address(), conversation == null ? null : conversation.customerId(),
                null, false, reason, permanent, template, reply.text(), clock.instant());
    }

    private static ContactEvent outcomeEvent(ReplyRequested reply, OutboundRecord outcome) {
        UUID eventId = UUID.nameUUIDFromBytes(("social-reply-outcome:" + reply.messageId()).getBytes(StandardCharsets.UTF_8));
        Map<String, String> metadata = new LinkedHashMap<>();
        if (outcome.account() != null) {
            metadata.put("platform", outcome.account().substring(0, outcome.account().indexOf(':')).toUpperCase(java.util.Locale.ROOT));
        }
        if (outcome.template() != null) {
            metadata.put(TEMPLATE, outcome.template());
        }
        if (outcome.sent()) {
            if (outcome.providerMessageId() != null) {
                metadata.put("providerMessageId", outcome.providerMessageId());
            }
            SocialPlatform platform = SocialPlatform.valueOf(metadata.get("platform"));
            return new ContactMessageSent(eventId, reply.tenantId(), outcome.decidedAt(), reply.contactId(), reply.messageId(),
                    Channel.SOCIAL, reply.agentId(), Address.social(platform, outcome.recipientId()), outcome.text(),
                    reply.attachments(), metadata);
        }
        return new ContactMessageFailed(eventId, reply.tenantId(), outcome.decidedAt(), reply.contactId(), reply.messageId(),
                Channel.SOCIAL, reply.agentId(), outcome.reason(), outcome.permanent(), metadata);
    }
}
