package io.switchboard.campaigns.api;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.campaigns.domain.DoNotCall;
import io.switchboard.campaigns.domain.DoNotCallEntry;
import io.switchboard.campaigns.domain.ImportResult;
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.security.SignedInUser;

/** A tenant's do-not-call list; supervisors and admins of the tenant. */
@Path("/campaigns/tenants/{tenant}/do-not-call")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ CampaignResource.SUPERVISOR, CampaignResource.ADMIN })
public class DoNotCallResource {

    /** An entry; {@code optedOut}: the number may not be called, whether from this list or the consent topic. */
    public record EntryBody(String number, String addedBy, Instant addedAt, boolean optedOut) {

        static EntryBody of(DoNotCallEntry e) {
            return new EntryBody(e.number(), e.addedBy(), e.addedAt(), true);
        }
    }

    private final DoNotCall doNotCall;
    private final SecurityIdentity identity;

    public DoNotCallResource(DoNotCall doNotCall, SecurityIdentity identity) {
        this.doNotCall = doNotCall;
        this.identity = identity;
    }

    @GET
    public List<EntryBody> list(@PathParam("tenant") String tenant) {
        user(tenant);
        return doNotCall.list(tenant).stream().map(EntryBody::of).toList();
    }

    @POST
    @Consumes({ CampaignResource.TEXT_CSV, MediaType.TEXT_PLAIN })
    public ImportResult importCsv(@PathParam("tenant") String tenant, InputStream csv) {
        SignedInUser user = user(tenant);
        return doNotCall.importCsv(tenant, new InputStreamReader(csv, StandardCharsets.UTF_8), user.id());
    }

    @GET
    @Path("/{number}")
    public EntryBody get(@PathParam("tenant") String tenant, @PathParam("number") String number) {
        user(tenant);
        DoNotCall.Status status = doNotCall.find(tenant, number)
                .orElseThrow(() -> ProblemException.notFound(number + " is on no do-not-call or opt-out list of tenant " + tenant));
        DoNotCallEntry entry = status.entry();
        return entry == null ? new EntryBody(number, null, null, status.optedOut())
                : new EntryBody(entry.number(), entry.addedBy(), entry.addedAt(), status.optedOut());
    }

    @PUT
    @Path("/{number}")
    public Response put(@PathParam("tenant") String tenant, @PathParam("number") String number) {
        SignedInUser user = user(tenant);
        return doNotCall.put(tenant, number, user.id())
                .map(e -> Response.status(Response.Status.CREATED).entity(EntryBody.of(e)).build())
                .orElseGet(() -> Response.ok(get(tenant, number)).build());
    }

    @DELETE
    @Path("/{number}")
    public Response delete(@PathParam("tenant") String tenant, @PathParam("number") String number) {
        user(tenant);
        if (!doNotCall.delete(tenant, number)) {
            throw ProblemException.notFound(number + " is not on tenant " + tenant + "'s do-not-call list");
        }
        return Response.noContent().build();
    }

    private SignedInUser user(String tenant) {
        SignedInUser user = SignedInUser.of(identity);
        user.requireServes(tenant);
        return user;
    }
}
