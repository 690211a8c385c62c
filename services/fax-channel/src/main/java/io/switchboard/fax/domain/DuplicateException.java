package io.switchboard.fax.domain;

/** Another request stored the same provider fax id first. */
public class DuplicateException extends Exception {

    public DuplicateException(String message) {
        super(message);
    }
}
