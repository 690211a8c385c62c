package io.switchboard.fax.domain;

/** What became of a received fax: taken now, or recognised as a provider's retry of one taken before. */
public record IngestOutcome(Kind kind, String faxId, String contactId) {

    public enum Kind {
        ACCEPTED, DUPLICATE
    }
}
