package io.switchboard.admin.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.admin.domain.AuditRecord;
import io.switchboard.admin.domain.ConfigurationService;

/** Every change to a tenant's configuration: who, when, and the values before and after; newest first. */
@Path("/tenants/{tenantId}/audit")
@RolesAllowed({ "admin", "supervisor" })
@Blocking
public class AuditResource {

    private final ConfigurationService configuration;
    private final SecurityIdentity identity;

    public AuditResource(ConfigurationService configuration, SecurityIdentity identity) {
        this.configuration = configuration;
        this.identity = identity;
    }

    /** {@code before}: the id of the oldest line already seen, to page back. */
    @GET
    public List<AuditRecord> list(@PathParam("tenantId") String tenantId, @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("before") Long before) {
        return configuration.auditLog(Actors.of(identity), tenantId, limit, before);
    }
}
