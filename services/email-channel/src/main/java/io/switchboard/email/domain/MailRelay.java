package io.switchboard.email.domain;

/** The outbound relay (the port {@code messaging} implements with libs/mail-relay). */
public interface MailRelay {

    /** Sends the message, or says how the relay refused it: permanently (5xx) or for now (4xx, unreachable). */
    void send(OutgoingEmail email) throws RelayRefusedException;
}
