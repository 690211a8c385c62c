package io.switchboard.reporting.domain;

/** The email channel's relay (the port {@code messaging} implements with libs/mail-relay). */
public interface ReportMailer {

    /** Sends the mail, or says how the relay refused it: permanently (5xx) or for now (4xx, unreachable). */
    void send(ReportMail mail) throws RelayRefusedException;
}
