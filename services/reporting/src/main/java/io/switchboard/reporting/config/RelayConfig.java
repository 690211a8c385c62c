package io.switchboard.reporting.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code switchboard.reporting.relay.*}: the SMTP relay scheduled reports are mailed through (docs/reporting.md). */
@ConfigMapping(prefix = "switchboard.reporting.relay")
public interface RelayConfig {

    String host();

    int port();

    /** Whether the session is upgraded to TLS before the mail is sent. */
    @WithDefault("REQUIRED")
    StartTls startTls();

    /** The relay account; the relay is used without signing in when absent. */
    Optional<String> username();

    Optional<String> password();

    /** The longest wait for the connection and for each of the relay's replies. */
    @WithDefault("PT30S")
    Duration timeout();

    enum StartTls {
        DISABLED, OPTIONAL, REQUIRED
    }
}
