package io.switchboard.reporting.domain;

import java.time.OffsetDateTime;

/**
 * One row of a report: a queue, agent or channel over one interval, day, week or month starting at
 * {@code start} (in the tenant's offset); {@code time} only for agents.
 */
public record ReportRow(OffsetDateTime start, String key, Figures figures, AgentTimeFigures time) {

    public Kpis kpis() {
        return Kpis.of(figures, time);
    }
}
