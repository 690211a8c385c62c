package io.switchboard.events.address;

/** An address that cannot be normalised; the message names the value and what is wrong with it. */
public class InvalidAddressException extends IllegalArgumentException {

    public InvalidAddressException(String message) {
        super(message);
    }
}
