package io.switchboard.reporting.domain;

import java.util.Locale;

/** How often a scheduled report is sent, and so the period it covers: the previous whole local day, ISO week or month. */
public enum Frequency {
    DAILY, WEEKLY, MONTHLY;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
