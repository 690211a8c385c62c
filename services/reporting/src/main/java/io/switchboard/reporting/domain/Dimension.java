package io.switchboard.reporting.domain;

import java.util.Locale;

/** What a report's rows are per: a queue, an agent (contacts they answered) or a channel. */
public enum Dimension {
    QUEUE, AGENT, CHANNEL;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
