package io.switchboard.fax.domain;

/** The number faxed is no tenant's fax entry point (or the tenants' configuration is still loading). */
public class UnknownNumberException extends Exception {

    public UnknownNumberException(String message) {
        super(message);
    }
}
