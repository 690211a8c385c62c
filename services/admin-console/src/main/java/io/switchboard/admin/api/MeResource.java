package io.switchboard.admin.api;

import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.admin.domain.Actor;

/** Who is signed in, and which tenants they may read and change: what the web app shows and enables. */
@Path("/me")
@RolesAllowed({ "admin", "supervisor" })
public class MeResource {

    public record Me(String username, Set<String> roles, List<String> readable, List<String> writable) {
    }

    private final SecurityIdentity identity;

    public MeResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    public Me me() {
        Actor actor = Actors.of(identity);
        return new Me(actor.username(), actor.roles(), actor.tenants().stream().filter(actor::canRead).sorted().toList(),
                actor.tenants().stream().filter(actor::canWrite).sorted().toList());
    }
}
