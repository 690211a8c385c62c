package io.switchboard.reporting.scheduling;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.reporting.domain.ScheduledReports;

/**
 * Every minute (by default), sends the scheduled reports that are due. Each instance ticks; the delivery ledger
 * decides which instance sends what.
 */
@ApplicationScoped
public class ScheduledReportTick {

    private static final Logger LOG = Logger.getLogger(ScheduledReportTick.class);

    private final ScheduledReports reports;
    // The ledger and the report reads wait on the reactive client, which must not be done on a Vert.x thread.
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "scheduled-reports"));

    public ScheduledReportTick(ScheduledReports reports) {
        this.reports = reports;
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }

    @Scheduled(identity = "scheduled-reports", every = "${switchboard.reporting.schedules.every}", delayed = "${switchboard.reporting.schedules.first-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            int sent = worker.submit(reports::runDue).get();
            if (sent > 0) {
                LOG.infof("scheduled reports: %d deliveries attempted", sent);
            }
        } catch (ExecutionException e) {
            LOG.warn("scheduled reports: the run failed; the next tick tries again", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
