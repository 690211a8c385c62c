package io.switchboard.reporting.config;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.DefaultBean;
import io.switchboard.reporting.domain.DeliveryLedger;
import io.switchboard.reporting.domain.ReportMailer;
import io.switchboard.reporting.domain.ReportRenderer;
import io.switchboard.reporting.domain.ReportSource;
import io.switchboard.reporting.domain.RetryPolicy;
import io.switchboard.reporting.domain.ScheduleBook;
import io.switchboard.reporting.domain.ScheduledReports;

/** Wires the framework-free scheduled reports to the adapters that implement their ports, and the clock they read. */
@ApplicationScoped
public class DomainServices {

    /** The time the schedules and their deliveries go by; tests replace it to pick "now". */
    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ScheduledReports scheduledReports(ScheduleBook schedules, DeliveryLedger ledger, ReportSource source, ReportRenderer renderer,
            ReportMailer mailer, ScheduleConfig config, Clock clock,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        // Each instance claims under its own name, so a claim it lost (its lease ran out) is not settled by it.
        String instance = System.getenv().getOrDefault("HOSTNAME", application) + "/" + UUID.randomUUID().toString().substring(0, 8);
        return new ScheduledReports(schedules, ledger, source, renderer, mailer,
                new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff()), config.catchUp(), config.lease(),
                instance, clock);
    }
}
