package io.switchboard.admin.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.admin.domain.Change;
import io.switchboard.admin.domain.ConfigurationService;
import io.switchboard.admin.domain.EntryPointSettings;
import io.switchboard.admin.domain.InvalidConfigurationException;
import io.switchboard.events.Channel;

/** The addresses customers reach a tenant on, each leading to a queue; an address belongs to one entry point only. */
@Path("/tenants/{tenantId}/entry-points")
@RolesAllowed({ "admin", "supervisor" })
@Blocking
public class EntryPointResource {

    private final ConfigurationService configuration;
    private final SecurityIdentity identity;

    public EntryPointResource(ConfigurationService configuration, SecurityIdentity identity) {
        this.configuration = configuration;
        this.identity = identity;
    }

    @GET
    public List<EntryPointSettings> list(@PathParam("tenantId") String tenantId) {
        return configuration.entryPoints(Actors.of(identity), tenantId);
    }

    /** Adds the entry point, or points its address at another queue; the answer gives the address as stored (E.164, lower-case). */
    @PUT
    public Change<EntryPointSettings> put(@PathParam("tenantId") String tenantId, EntryPointSettings entryPoint) {
        return configuration.putEntryPoint(Actors.of(identity), tenantId, entryPoint);
    }

    @DELETE
    @Path("/{channel}/{address}")
    public void delete(@PathParam("tenantId") String tenantId, @PathParam("channel") String channel,
            @PathParam("address") String address) {
        Channel parsed;
        try {
            parsed = Channel.valueOf(channel.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidConfigurationException.of("channel", "'" + channel + "' is not a channel");
        }
        configuration.deleteEntryPoint(Actors.of(identity), tenantId, parsed, address);
    }
}
