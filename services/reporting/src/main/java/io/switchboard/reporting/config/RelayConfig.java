package io.switchboard.reporting.config;

import io.smallrye.config.ConfigMapping;
import io.switchboard.mailrelay.RelaySettings;

/** {@code switchboard.reporting.relay.*}: the SMTP relay scheduled reports are mailed through (docs/reporting.md). */
@ConfigMapping(prefix = "switchboard.reporting.relay")
public interface RelayConfig extends RelaySettings {
}
