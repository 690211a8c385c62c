package io.switchboard.fax.domain;

/** No such fax for this reader (it may exist for others: a reader is never told). */
public class NotFoundException extends Exception {

    public NotFoundException(String message) {
        super(message);
    }
}
