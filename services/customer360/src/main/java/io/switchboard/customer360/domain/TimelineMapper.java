package io.switchboard.customer360.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.switchboard.customer360.domain.TimelineEntry.Kind;
import io.switchboard.events.AttachmentRef;
import io.switchboard.events.ContactAbandoned;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.ContactMessageSent;
import io.switchboard.events.ContactSurveyAnswered;
import io.switchboard.events.ContactTransferred;
import io.switchboard.events.SwitchboardEvent;

/**
 * Which events make a customer's history, and how they read there. Queueing, offers and rejections
 * are routing's own business and stay out of it.
 */
public final class TimelineMapper {

    private TimelineMapper() {
    }

    public static Optional<TimelineEntry> entryFor(SwitchboardEvent event) {
        Map<String, String> details = new HashMap<>();
        TimelineEntry entry = null;
        if (event instanceof ContactCreated e) {
            put(details, "direction", e.direction().name());
            put(details, "entryPoint", e.entryPoint());
            put(details, "subject", e.title());
            attachments(details, e.attachments());
            entry = new TimelineEntry(e.eventId(), e.tenantId(), e.contactId(), e.channel(), Kind.CONTACT_STARTED,
                    e.occurredAt(), e.text(), details);
        } else if (event instanceof ContactMessageReceived e) {
            put(details, "messageId", e.messageId());
            attachments(details, e.attachments());
            entry = new TimelineEntry(e.eventId(), e.tenantId(), e.contactId(), e.channel(), Kind.MESSAGE_RECEIVED,
                    e.occurredAt(), e.text(), details);
        } else if (event instanceof ContactMessageSent e) {
            put(details, "messageId", e.messageId());
            put(details, "agentId", e.agentId());
            attachments(details, e.attachments());
            entry = new TimelineEntry(e.eventId(), e.tenantId(), e.contactId(), e.channel(), Kind.MESSAGE_SENT,
                    e.occurredAt(), e.text(), details);
        } else if (event instanceof ContactAssigned e) {
            put(details, "agentId", e.agentId());
            put(details, "queueId", e.queueId());
            entry = new TimelineEntry(e.eventId(), e.tenantId(), e.contactId(), e.channel(), Kind.ASSIGNED,
                    e.occurredAt(), null, details);
        } else if (event instanceof ContactTransferred e) {
            put(details, "fromQueueId", e.fromQueueId());
            put(details, "toQueueId", e.toQueueId());
            put(details, "toAgentId", e.toAgentId());
            put(details, "byAgentId", e.byAgentId());
            entry = new TimelineEntry(e.eventId(), e.tenantId(), e.contactId(), null, Kind.TRANSFERRED,
                    e.occurredAt(), e.reason(), details);
        } else if (event instanceof ContactAbandoned e) {
            put(details, "queueId", e.queueId());
            put(details, "waitedSeconds", Long.toString(e.waitedSeconds()));
            put(details, "reason", e.reason() == null ? null : e.reason().name());
            entry = new TimelineEntry(e.eventId(), e.tenantId(), e.contactId(), null, Kind.ABANDONED,
                    e.occurredAt(), null, details);
        } else if (event instanceof ContactSurveyAnswered e) {
            put(details, "score", Integer.toString(e.score()));
            entry = new TimelineEntry(e.eventId(), e.tenantId(), e.contactId(), e.channel(), Kind.SURVEY_ANSWERED,
                    e.occurredAt(), e.comment(), details);
        } else if (event instanceof ContactEnded e) {
            put(details, "reason", e.reason().name());
            put(details, "disposition", e.disposition());
            put(details, "talkSeconds", e.talkSeconds() == null ? null : e.talkSeconds().toString());
            entry = new TimelineEntry(e.eventId(), e.tenantId(), e.contactId(), e.channel(), Kind.ENDED,
                    e.occurredAt(), null, details);
        }
        return Optional.ofNullable(entry);
    }

    private static void put(Map<String, String> details, String key, String value) {
        if (value != null && !value.isBlank()) {
            details.put(key, value);
        }
    }

    private static void attachments(Map<String, String> details, List<AttachmentRef> attachments) {
        if (!attachments.isEmpty()) {
            details.put("attachments", String.join(", ", attachments.stream().map(AttachmentRef::filename).toList()));
        }
    }
}
