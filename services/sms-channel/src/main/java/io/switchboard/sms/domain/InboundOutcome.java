package io.switchboard.sms.domain;

/** What became of an inbound text; every outcome lets the provider forget it (200). */
public record InboundOutcome(Kind kind, String smsId, String contactId) {

    public enum Kind {
        /** New events are on Kafka. */
        ACCEPTED,
        /** The provider's id was seen before; nothing new was published. */
        DUPLICATE,
        /** A bare compliance keyword with no open contact: recorded and answered, no contact. */
        KEYWORD,
        /** The answer to the satisfaction survey of an ended contact: {@code contact.survey.answered} is on Kafka. */
        SURVEY
    }
}
