package io.switchboard.desktop.api;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.desktop.domain.OutboundCalls;
import io.switchboard.service.api.ProblemException;

/** Click-to-call: the agent places a call to a customer; it reaches their inbox when routing assigns it. */
@Path("/calls")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class CallResource {

    private final SecurityIdentity identity;
    private final OutboundCalls calls;

    public CallResource(SecurityIdentity identity, OutboundCalls calls) {
        this.identity = identity;
        this.calls = calls;
    }

    public record PlacedCall(String contactId) {
    }

    @POST
    public Response place(Requests.Call body, @Context UriInfo uri) {
        if (body == null) {
            throw ProblemException.badRequest("name the number to call in to");
        }
        String contactId = calls.place(Viewers.of(identity), body.tenantId(), body.to(), body.from());
        // A path, not an absolute URL: the browser reaches the service through whatever host and proxy it uses.
        URI contact = URI.create(uri.getBaseUri().getRawPath()).resolve("contacts/" + contactId);
        return Response.accepted(new PlacedCall(contactId)).header(HttpHeaders.LOCATION, contact).build();
    }
}
