package io.switchboard.campaigns.messaging;

import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.switchboard.campaigns.config.CampaignsConfig;
import io.switchboard.campaigns.domain.Dialler;

/**
 * Drives the dialler: every running campaign each tick period (1 s), and a campaign at once when a result or a
 * wrap-up freed a line or an agent. One thread, so one instance never ticks a campaign twice at the same time.
 * {@code switchboard.campaigns.dialler.every=off} leaves ticking to the caller (the tests).
 */
@ApplicationScoped
public class DiallerLoop {

    private static final Logger LOG = Logger.getLogger(DiallerLoop.class);

    private final Dialler dialler;
    private final CampaignsConfig.Dialler config;
    private final Tracer tracer;
    private ScheduledExecutorService executor;

    public DiallerLoop(Dialler dialler, CampaignsConfig config, Tracer tracer) {
        this.dialler = dialler;
        this.config = config.dialler();
        this.tracer = tracer;
    }

    void start(@Observes StartupEvent start) {
        if ("off".equals(config.every())) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "campaigns-dialler");
            thread.setDaemon(true);
            return thread;
        });
        long period = DurationConverter.parseDuration(config.every()).toMillis();
        executor.scheduleWithFixedDelay(this::tickAll, period, period, TimeUnit.MILLISECONDS);
        LOG.infof("dialler %s ticks every %d ms", dialler.instance(), period);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /**
     * Ticks the campaign soon, on the dialler's thread, in the trace of the event that freed the line (so the
     * calls it requests carry it); nothing when ticking is off.
     */
    public void nudge(UUID campaignId) {
        if (executor != null) {
            executor.execute(Context.current().wrap(() -> tick(campaignId)));
        }
    }

    private void tickAll() {
        try {
            for (UUID id : dialler.dialable()) {
                // Each periodic tick starts a trace of its own, which the call requests it writes carry.
                try (Scope root = Context.root().makeCurrent()) {
                    tick(id);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "listing the campaigns to dial failed; the next tick tries again");
        }
    }

    private void tick(UUID campaignId) {
        Span span = tracer.spanBuilder("campaigns tick").setAttribute("campaign.id", campaignId.toString()).startSpan();
        try (Scope scope = span.makeCurrent()) {
            Dialler.Tick tick = dialler.tick(campaignId);
            span.setAttribute("campaign.calls_placed", tick.placed());
        } catch (RuntimeException e) {
            span.recordException(e);
            LOG.warnf(e, "the tick of campaign %s failed; the next one tries again", campaignId);
        } finally {
            span.end();
        }
    }
}
