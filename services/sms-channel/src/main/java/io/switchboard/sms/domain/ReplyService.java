package io.switchboard.sms.domain;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.ContactMessageFailed;
import io.switchboard.events.ContactMessageSent;
import io.switchboard.events.ContactMessageStatusChanged;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.AddressKind;

/**
 * Agents' replies out, the provider's delivery reports back, and the reply policy the inbox asks
 * before an agent sends. Each reply request is decided once (sent or failed) and its outcome event has
 * an id derived from the request, so a redelivered request is answered again with the same event and
 * never texted twice. An opted-out number is never texted: the request fails, permanently.
 */
public class ReplyService {

    private static final System.Logger LOG = System.getLogger(ReplyService.class.getName());
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final SmsStore store;
    private final SmsGateway gateway;
    private final EventSink events;
    private final SmsRules rules;
    private final Clock clock;

    public ReplyService(SmsStore store, SmsGateway gateway, EventSink events, SmsRules rules, Clock clock) {
        this.store = store;
        this.gateway = gateway;
        this.events = events;
        this.rules = rules;
        this.clock = clock;
    }

    public void deliver(ReplyRequested reply) throws StoreException, UnavailableException, InterruptedException {
        Optional<OutboundRecord> decided = store.outbound(reply.messageId());
        OutboundRecord outcome = decided.isPresent() ? decided.get() : attempt(reply);
        if (decided.isEmpty()) {
            store.saveOutbound(outcome);
        }
        events.publish(List.of(events.encode(outcomeEvent(reply, outcome))));
    }

    /** What the inbox shows before an agent types: 404 for an unknown contact or one of another tenant. */
    public ReplyPolicy policy(String contactId, Set<String> tenants) throws StoreException, NotFoundException {
        Conversation conversation = store.conversation(contactId).filter(c -> tenants.contains(c.tenantId()))
                .orElseThrow(() -> new NotFoundException("no SMS conversation " + contactId));
        Optional<String> refusal = refusal(conversation);
        return new ReplyPolicy(contactId, conversation.tenantId(), refusal.isEmpty(), refusal.orElse(null), null);
    }

    public List<OptOut> optedOut(String tenantId) throws StoreException {
        return store.optedOut(tenantId);
    }

    /**
     * A provider's delivery report for a text it accepted. False for an id this channel never sent
     * (logged by the caller, nothing published).
     */
    public boolean statusReported(String provider, String providerMessageId, String providerStatus, String errorCode,
            String errorMessage) throws StoreException, UnavailableException {
        Optional<OutboundRecord> found = store.outboundByProviderId(provider, providerMessageId);
        if (found.isEmpty()) {
            return false;
        }
        OutboundRecord sent = found.get();
        Optional<ContactMessageStatusChanged.Status> status = DeliveryStatus.of(providerStatus);
        if (status.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "status {0} of {1} is not one the inbox shows", providerStatus, providerMessageId);
            return true;
        }
        store.updateDelivery(sent.requestId(), status.get().name(), status.get().rank());
        if (sent.agentId() == null || sent.contactId() == null) {
            return true; // an automatic answer to a keyword: no reply in the inbox to attach it to
        }
        boolean failed = status.get() == ContactMessageStatusChanged.Status.FAILED
                || status.get() == ContactMessageStatusChanged.Status.UNDELIVERED;
        String code = errorCode == null || errorCode.isBlank() ? null : errorCode.strip();
        String reason = failed ? DeliveryStatus.reason(code, errorMessage) : null;
        String reported = code == null ? providerStatus : providerStatus + "/" + code;
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("provider", provider);
        metadata.put("providerMessageId", providerMessageId);
        UUID eventId = UUID.nameUUIDFromBytes(("sms-status:" + provider + ":" + providerMessageId + ":" + reported)
                .getBytes(StandardCharsets.UTF_8));
        events.publish(List.of(events.encode(new ContactMessageStatusChanged(eventId, sent.tenantId(), clock.instant(),
                sent.contactId(), sent.requestId(), Channel.SMS, status.get(), reason, reported, metadata))));
        return true;
    }

    private OutboundRecord attempt(ReplyRequested reply) throws StoreException, InterruptedException {
        Optional<Conversation> found = store.conversation(reply.contactId()).filter(c -> c.tenantId().equals(reply.tenantId()));
        if (found.isEmpty()) {
            return failed(reply, null, null, "no SMS conversation " + reply.contactId() + " in tenant " + reply.tenantId());
        }
        Conversation conversation = found.get();
        Optional<String> refusal = refusal(conversation);
        if (refusal.isPresent()) {
            return failed(reply, conversation, null, refusal.get());
        }
        if (reply.text() == null || reply.text().isBlank()) {
            return failed(reply, conversation, null, "an SMS reply needs text (files are not sent as MMS)");
        }
        Segments segments = SegmentCounter.count(reply.text());
        if (segments.segments() > rules.maxSegments()) {
            return failed(reply, conversation, segments, "the reply needs " + segments.segments() + " SMS segments ("
                    + segments.encoding() + "); at most " + rules.maxSegments() + " are sent");
        }
        OutgoingSms sms = new OutgoingSms(conversation.tenantId(), conversation.entryNumber(), conversation.customerNumber(),
                reply.text(), segments);
        try {
            SmsGateway.Sent sent = Retry.send(gateway, sms, rules, "reply " + reply.messageId());
            return new OutboundRecord(reply.messageId(), reply.tenantId(), reply.contactId(), reply.agentId(), sent.provider(),
                    sent.providerMessageId(), sms.from(), sms.to(), sms.text(), segments.segments(), segments.encoding().name(), true,
                    null, false, clock.instant(), null);
        } catch (GatewayException refused) {
            String reason = refused.code() == null ? refused.getMessage() : refused.getMessage() + " (" + refused.code() + ")";
            return new OutboundRecord(reply.messageId(), reply.tenantId(), reply.contactId(), reply.agentId(), null, null, sms.from(),
                    sms.to(), sms.text(), segments.segments(), segments.encoding().name(), false, reason, refused.permanent(),
                    clock.instant(), null);
        }
    }

    private Optional<String> refusal(Conversation conversation) throws StoreException {
        Optional<OptOut> consent = store.consent(conversation.tenantId(), conversation.customerNumber());
        return consent.filter(OptOut::optedOut).map(o -> o.number() + " opted out with " + o.keyword() + " on "
                + WHEN.format(o.changedAt()) + "; they can opt back in by texting START");
    }

    private OutboundRecord failed(ReplyRequested reply, Conversation conversation, Segments segments, String reason) {
        return new OutboundRecord(reply.messageId(), reply.tenantId(), reply.contactId(), reply.agentId(), null, null,
                conversation == null ? null : conversation.entryNumber(), conversation == null ? null : conversation.customerNumber(),
                reply.text(), segments == null ? 0 : segments.segments(), segments == null ? null : segments.encoding().name(), false,
                reason, true, clock.instant(), null);
    }

    private static ContactEvent outcomeEvent(ReplyRequested reply, OutboundRecord outcome) {
        UUID eventId = UUID.nameUUIDFromBytes(("sms-reply-outcome:" + reply.messageId()).getBytes(StandardCharsets.UTF_8));
        Map<String, String> metadata = new LinkedHashMap<>();
        if (outcome.encoding() != null) {
            metadata.put("segments", String.valueOf(outcome.segments()));
            metadata.put("encoding", outcome.encoding());
        }
        if (reply.metadata().containsKey("kind")) {
            metadata.put("kind", reply.metadata().get("kind"));
        }
        if (outcome.sent()) {
            metadata.put("provider", outcome.provider());
            metadata.put("providerMessageId", outcome.providerMessageId());
            metadata.put("from", outcome.fromNumber());
            return new ContactMessageSent(eventId, reply.tenantId(), outcome.decidedAt(), reply.contactId(), reply.messageId(),
                    Channel.SMS, reply.agentId(), new Address(AddressKind.PHONE, outcome.toNumber(), null), outcome.text(), List.of(), metadata);
        }
        return new ContactMessageFailed(eventId, reply.tenantId(), outcome.decidedAt(), reply.contactId(), reply.messageId(),
                Channel.SMS, reply.agentId(), outcome.reason(), outcome.permanent(), metadata);
    }
}
