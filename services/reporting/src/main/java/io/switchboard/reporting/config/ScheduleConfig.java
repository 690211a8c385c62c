package io.switchboard.reporting.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code switchboard.reporting.schedules.*}: how scheduled reports are sent (docs/reporting.md, "Scheduled reports"). */
@ConfigMapping(prefix = "switchboard.reporting.schedules")
public interface ScheduleConfig {

    /** The From of report mails (SWITCHBOARD_REPORTING_SCHEDULES_FROM). */
    String from();

    /** How often each instance looks for due reports (a Quarkus scheduler period; "off" in the tests). */
    String every();

    /** The wait after start before the first look. */
    String firstDelay();

    /** Attempts of a delivery the relay refuses for now (4xx, down) before it is recorded as failed. */
    @WithDefault("5")
    int maxAttempts();

    /** The wait after the first failed attempt; it doubles after each further one. */
    @WithDefault("PT1M")
    Duration initialBackoff();

    @WithDefault("PT30M")
    Duration maxBackoff();

    /** How far back a period that was due while the service was down is still sent. */
    @WithDefault("P31D")
    Duration catchUp();

    /** How long an instance holds a delivery it is sending before another may take it over. */
    @WithDefault("PT10M")
    Duration lease();
}
