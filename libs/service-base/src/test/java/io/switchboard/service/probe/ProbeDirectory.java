package io.switchboard.service.probe;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Channel;
import io.switchboard.service.config.EntryPointDirectory;

/** Test-only: a channel's directory, so the probe app waits for the configuration topic as a channel does. */
@ApplicationScoped
public class ProbeDirectory extends EntryPointDirectory {

    public ProbeDirectory() {
        super(Channel.CHAT, address -> address.strip().toLowerCase(Locale.ROOT));
    }
}
