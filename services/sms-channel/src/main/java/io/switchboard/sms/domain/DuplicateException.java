package io.switchboard.sms.domain;

/** Another delivery of the same provider message id was stored first. */
public class DuplicateException extends Exception {

    public DuplicateException(String message) {
        super(message);
    }
}
