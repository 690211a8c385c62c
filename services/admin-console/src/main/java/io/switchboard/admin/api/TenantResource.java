package io.switchboard.admin.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.jboss.logging.Logger;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.admin.domain.AgentService;
import io.switchboard.admin.domain.Change;
import io.switchboard.admin.domain.ConfigurationService;
import io.switchboard.admin.domain.NotFoundException;
import io.switchboard.admin.domain.TenantSettings;

/** Tenants: the client companies the center answers for. */
@Path("/tenants")
@RolesAllowed({ "admin", "supervisor" })
@Blocking
public class TenantResource {

    public record TenantView(String tenantId, TenantSettings settings) {
    }

    private static final Logger LOG = Logger.getLogger(TenantResource.class);

    private final ConfigurationService configuration;
    private final AgentService agents;
    private final SecurityIdentity identity;

    public TenantResource(ConfigurationService configuration, AgentService agents, SecurityIdentity identity) {
        this.configuration = configuration;
        this.agents = agents;
        this.identity = identity;
    }

    /** The caller's tenants that exist. */
    @GET
    public List<TenantView> list() {
        return configuration.tenants(Actors.of(identity)).entrySet().stream()
                .map(e -> new TenantView(e.getKey(), e.getValue())).toList();
    }

    @GET
    @Path("/{tenantId}")
    public TenantView get(@PathParam("tenantId") String tenantId) {
        return configuration.tenant(Actors.of(identity), tenantId).map(t -> new TenantView(tenantId, t))
                .orElseThrow(() -> new NotFoundException("no tenant '" + tenantId + "'"));
    }

    /** Creates or replaces the tenant's settings (admin of the tenant only). */
    @PUT
    @Path("/{tenantId}")
    public Change<TenantSettings> put(@PathParam("tenantId") String tenantId, TenantSettings tenant) {
        Change<TenantSettings> change = configuration.putTenant(Actors.of(identity), tenantId, tenant);
        if (change.changed()) {
            // The tenant's agents waited in Keycloak for it; the periodic reconcile retries if Keycloak is down now.
            try {
                agents.reconcile();
            } catch (RuntimeException e) {
                LOG.warnf("the agents of %s wait for the next reconcile: %s", tenantId, e.getMessage());
            }
        }
        return change;
    }
}
