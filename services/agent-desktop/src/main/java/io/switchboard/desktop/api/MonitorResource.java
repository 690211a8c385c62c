package io.switchboard.desktop.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.desktop.domain.CallMonitoring;
import io.switchboard.desktop.domain.DesktopException;

/** A supervisor joins or leaves a live call from the wallboard; their registered phone rings. */
@Path("/contacts/{id}/monitor")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"supervisor", "admin"})
@Blocking
public class MonitorResource {

    private final SecurityIdentity identity;
    private final CallMonitoring monitoring;

    public MonitorResource(SecurityIdentity identity, CallMonitoring monitoring) {
        this.identity = identity;
        this.monitoring = monitoring;
    }

    @POST
    public Response monitor(@PathParam("id") String contactId, Requests.Monitor body) {
        monitoring.monitor(Viewers.of(identity), contactId, mode(body));
        return Response.accepted().build();
    }

    private static CallMonitoring.Mode mode(Requests.Monitor body) {
        if (body == null || body.mode() == null) {
            return null;
        }
        try {
            return CallMonitoring.Mode.valueOf(body.mode().trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DesktopException.Invalid("mode is one of LISTEN, WHISPER, BARGE or LEAVE, not " + body.mode());
        }
    }
}
