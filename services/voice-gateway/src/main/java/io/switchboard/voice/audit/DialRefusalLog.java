package io.switchboard.voice.audit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.voice.domain.DialRefusal;
import io.switchboard.voice.domain.port.DialAudit;

/**
 * The audit trail of refused calls to the public network: one WARN line each, with fields that log
 * search can filter on, and {@code voice_dial_refused_total{tenant,reason}} for alerting.
 */
@ApplicationScoped
public class DialRefusalLog implements DialAudit {

    private static final Logger LOG = Logger.getLogger(DialRefusalLog.class);

    private final MeterRegistry registry;

    public DialRefusalLog(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void refused(DialRefusal refusal) {
        LOG.warnf("dial refused: tenantId=%s agentId=%s contactId=%s number=%s reason=%s", refusal.tenantId(), refusal.agentId(),
                refusal.contactId(), refusal.maskedNumber(), refusal.reason().label());
        registry.counter("voice.dial.refused", "tenant", refusal.tenantId(), "reason", refusal.reason().label()).increment();
    }
}
