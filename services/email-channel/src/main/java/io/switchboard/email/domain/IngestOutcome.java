package io.switchboard.email.domain;

/** What became of an inbound message; every outcome means the sender may forget it. */
public record IngestOutcome(Kind kind, String emailId, String contactId) {

    public enum Kind {
        /** New events are on Kafka. */
        ACCEPTED,
        /** The same Message-ID was taken before; nothing new was published. */
        DUPLICATE,
        /** An auto-reply or bounce: recorded, no contact (RFC 3834). */
        SUPPRESSED
    }
}
