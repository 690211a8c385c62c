package io.switchboard.mailrelay;

import java.time.Duration;
import java.util.Optional;

/** Where and how mail is handed to the relay; a service's configuration mapping extends it under its own prefix. */
public interface RelaySettings {

    String host();

    int port();

    /** Whether the session is upgraded to TLS before the mail is sent. */
    StartTls startTls();

    /** The relay account; the relay is used without signing in when absent. */
    Optional<String> username();

    Optional<String> password();

    /** The longest wait for the connection and for each of the relay's replies. */
    Duration timeout();

    enum StartTls {
        DISABLED, OPTIONAL, REQUIRED
    }
}
