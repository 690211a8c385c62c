package io.switchboard.reporting.domain;

import java.util.Locale;

/** How a report's rows are grouped in time: the 15-minute intervals, or the tenant's local days, ISO weeks or months. */
public enum Granularity {
    INTERVAL, DAY, WEEK, MONTH;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
