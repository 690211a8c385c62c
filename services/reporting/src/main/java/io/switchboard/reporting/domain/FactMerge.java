package io.switchboard.reporting.domain;

import java.time.Instant;

import io.switchboard.events.ContactAbandoned;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactQueued;
import io.switchboard.events.ContactSurveyAnswered;
import io.switchboard.events.ContactTransferred;
import io.switchboard.events.WrapUpCompleted;

/**
 * Folds one event into a fact, field by field, so that any order of arrival ends in the same fact:
 * first times are the least, a value that belongs to a first time is taken with it, and counters only
 * add (each event is applied once: the caller deduplicates by event id).
 */
public final class FactMerge {

    /** The reason routing gives an overflow (a transfer nobody asked for). */
    public static final String OVERFLOW_PREFIX = "overflow: ";

    private FactMerge() {
    }

    public static LegFact queued(LegFact leg, ContactQueued event) {
        return new LegFact(leg.tenantId(), leg.contactId(), leg.queueId(), coalesce(leg.channel(), event.channel()),
                least(leg.queuedAt(), event.occurredAt()), leg.assignedAt(), leg.agentId(), leg.abandonedAt(),
                leg.waitedSeconds(), leg.transferredAt(), leg.transfers(), leg.overflows());
    }

    public static LegFact assigned(LegFact leg, ContactAssigned event) {
        boolean first = leg.assignedAt() == null || event.occurredAt().isBefore(leg.assignedAt())
                || (event.occurredAt().equals(leg.assignedAt()) && event.agentId().compareTo(leg.agentId()) < 0);
        return new LegFact(leg.tenantId(), leg.contactId(), leg.queueId(), coalesce(leg.channel(), event.channel()),
                leg.queuedAt(), first ? event.occurredAt() : leg.assignedAt(), first ? event.agentId() : leg.agentId(),
                leg.abandonedAt(), leg.waitedSeconds(), leg.transferredAt(), leg.transfers(), leg.overflows());
    }

    public static LegFact abandoned(LegFact leg, ContactAbandoned event) {
        boolean first = leg.abandonedAt() == null || event.occurredAt().isBefore(leg.abandonedAt())
                || (event.occurredAt().equals(leg.abandonedAt()) && event.waitedSeconds() > leg.waitedSeconds());
        return new LegFact(leg.tenantId(), leg.contactId(), leg.queueId(), leg.channel(), leg.queuedAt(), leg.assignedAt(),
                leg.agentId(), first ? event.occurredAt() : leg.abandonedAt(),
                first ? Long.valueOf(event.waitedSeconds()) : leg.waitedSeconds(), leg.transferredAt(), leg.transfers(),
                leg.overflows());
    }

    /** The leg the contact was transferred out of (its {@code fromQueueId}). */
    public static LegFact transferredOut(LegFact leg, ContactTransferred event) {
        boolean overflow = isOverflow(event);
        return new LegFact(leg.tenantId(), leg.contactId(), leg.queueId(), leg.channel(), leg.queuedAt(), leg.assignedAt(),
                leg.agentId(), leg.abandonedAt(), leg.waitedSeconds(), least(leg.transferredAt(), event.occurredAt()),
                leg.transfers() + (overflow ? 0 : 1), leg.overflows() + (overflow ? 1 : 0));
    }

    public static boolean isOverflow(ContactTransferred event) {
        return event.byAgentId() == null && event.reason() != null && event.reason().startsWith(OVERFLOW_PREFIX);
    }

    public static ContactFact created(ContactFact contact, ContactCreated event) {
        boolean first = contact.createdAt() == null || event.occurredAt().isBefore(contact.createdAt());
        return new ContactFact(contact.tenantId(), contact.contactId(),
                first || contact.channel() == null ? event.channel() : contact.channel(),
                first || contact.fromKey() == null ? CustomerKeys.of(event.from()) : contact.fromKey(),
                least(contact.createdAt(), event.occurredAt()), contact.endedAt(), contact.endReason(), contact.disposition(),
                contact.talkSeconds(), contact.holdSeconds(), contact.customerKey(), contact.surveyScore(), contact.surveyAt());
    }

    public static ContactFact ended(ContactFact contact, ContactEnded event) {
        boolean first = contact.endedAt() == null || event.occurredAt().isBefore(contact.endedAt());
        if (!first) {
            return new ContactFact(contact.tenantId(), contact.contactId(), coalesce(contact.channel(), event.channel()),
                    contact.fromKey(), contact.createdAt(), contact.endedAt(), contact.endReason(), contact.disposition(),
                    contact.talkSeconds(), contact.holdSeconds(), contact.customerKey(), contact.surveyScore(),
                    contact.surveyAt());
        }
        return new ContactFact(contact.tenantId(), contact.contactId(), coalesce(contact.channel(), event.channel()),
                contact.fromKey(), contact.createdAt(), event.occurredAt(), event.reason().name(), event.disposition(),
                event.talkSeconds(), event.holdSeconds(), contact.customerKey(), contact.surveyScore(), contact.surveyAt());
    }

    /** The first answer by time counts (the channel refuses a second one); equal times keep the lower score. */
    public static ContactFact surveyAnswered(ContactFact contact, ContactSurveyAnswered event) {
        boolean first = contact.surveyAt() == null || event.occurredAt().isBefore(contact.surveyAt())
                || (event.occurredAt().equals(contact.surveyAt()) && event.score() < contact.surveyScore());
        if (!first) {
            return contact;
        }
        return new ContactFact(contact.tenantId(), contact.contactId(), coalesce(contact.channel(), event.channel()),
                contact.fromKey(), contact.createdAt(), contact.endedAt(), contact.endReason(), contact.disposition(),
                contact.talkSeconds(), contact.holdSeconds(), contact.customerKey(), event.score(), event.occurredAt());
    }

    public static WrapFact wrapUp(WrapFact wrap, WrapUpCompleted event) {
        if (wrap == null) {
            return new WrapFact(event.tenantId(), event.contactId(), event.agentId(), event.queueId(), event.occurredAt());
        }
        boolean first = event.occurredAt().isBefore(wrap.completedAt());
        return new WrapFact(wrap.tenantId(), wrap.contactId(), wrap.agentId(),
                first && event.queueId() != null ? event.queueId() : coalesce(wrap.queueId(), event.queueId()),
                first ? event.occurredAt() : wrap.completedAt());
    }

    static <T> T coalesce(T current, T incoming) {
        return current != null ? current : incoming;
    }

    static Instant least(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }

}
