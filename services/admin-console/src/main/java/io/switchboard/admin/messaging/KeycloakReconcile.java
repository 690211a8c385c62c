package io.switchboard.admin.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.admin.domain.AgentService;

/**
 * Picks up what was changed in Keycloak's own admin console (a user disabled, deleted, a role or an
 * attribute changed) by comparing Keycloak's users with the published agents on a timer.
 */
@ApplicationScoped
public class KeycloakReconcile {

    private static final Logger LOG = Logger.getLogger(KeycloakReconcile.class);

    private final AgentService agents;

    public KeycloakReconcile(AgentService agents) {
        this.agents = agents;
    }

    @Scheduled(every = "${switchboard.admin.reconcile-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void reconcile() {
        try {
            int changed = agents.reconcile();
            if (changed > 0) {
                LOG.infof("published %d agent change(s) made in Keycloak", changed);
            }
        } catch (RuntimeException e) {
            LOG.warnf("agents not reconciled with Keycloak this time: %s", e.getMessage());
        }
    }
}
