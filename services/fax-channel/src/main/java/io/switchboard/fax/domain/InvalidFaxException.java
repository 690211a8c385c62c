package io.switchboard.fax.domain;

/** The fax cannot be taken as sent (a field, or the document); the sender is told which and why, nothing is stored. */
public class InvalidFaxException extends Exception {

    private final String field;

    public InvalidFaxException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The webhook parameter (or "document") the refusal is about. */
    public String field() {
        return field;
    }
}
