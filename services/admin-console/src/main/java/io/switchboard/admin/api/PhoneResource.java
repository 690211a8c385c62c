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
import io.switchboard.admin.domain.PhoneCredentials;
import io.switchboard.admin.domain.PhoneService;

/** Agents' SIP phone passwords: set, withdrawn, and which agents have one (never the password or its hash). */
@Path("/tenants/{tenantId}/phones")
@RolesAllowed({ "admin", "supervisor" })
@Blocking
public class PhoneResource {

    /** The body of a password change. */
    public record PhonePassword(String password) {
    }

    private final PhoneService phones;
    private final SecurityIdentity identity;

    public PhoneResource(PhoneService phones, SecurityIdentity identity) {
        this.phones = phones;
        this.identity = identity;
    }

    @GET
    public List<PhoneCredentials.Status> list(@PathParam("tenantId") String tenantId) {
        return phones.phones(Actors.of(identity), tenantId);
    }

    @PUT
    @Path("/{username}")
    public PhoneCredentials.Status put(@PathParam("tenantId") String tenantId, @PathParam("username") String username,
            PhonePassword body) {
        return phones.setPassword(Actors.of(identity), tenantId, username, body == null ? null : body.password());
    }

    @DELETE
    @Path("/{username}")
    public void delete(@PathParam("tenantId") String tenantId, @PathParam("username") String username) {
        phones.remove(Actors.of(identity), tenantId, username);
    }
}
