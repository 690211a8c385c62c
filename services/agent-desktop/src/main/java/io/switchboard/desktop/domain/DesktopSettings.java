package io.switchboard.desktop.domain;

import java.time.Duration;
import java.util.List;

/**
 * What the domain reads of the desktop's configuration ({@code switchboard.desktop.*}, mapped in
 * {@code config}): how long a command waits for the broker, and the desktop-wide disposition codes of
 * the older way to end a contact.
 */
public record DesktopSettings(Duration publishTimeout, List<String> dispositions) {

    public DesktopSettings {
        dispositions = List.copyOf(dispositions);
    }
}
