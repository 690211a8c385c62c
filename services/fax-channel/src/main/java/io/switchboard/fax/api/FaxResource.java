package io.switchboard.fax.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.fax.domain.FaxFile;
import io.switchboard.fax.domain.FaxReads;
import io.switchboard.fax.domain.FaxView;
import io.switchboard.fax.domain.NotFoundException;
import io.switchboard.fax.domain.StoreException;
import io.switchboard.service.api.ProblemException;

/**
 * What the inbox reads of a fax: its facts, its document (a download, never rendered in the agent's
 * origin) and its first page's thumbnail. Supervisors and admins of the fax's tenant, and agents
 * routing offered or assigned its contact to; anyone else gets a 404, as if it did not exist.
 */
@Path("/api/fax/faxes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class FaxResource {

    private final FaxReads reads;
    private final SecurityIdentity identity;

    public FaxResource(FaxReads reads, SecurityIdentity identity) {
        this.reads = reads;
        this.identity = identity;
    }

    @GET
    @Path("{id}")
    public FaxView fax(@PathParam("id") String id) {
        try {
            return reads.fax(Readers.of(identity), uuid(id));
        } catch (NotFoundException e) {
            throw ProblemException.notFound(e.getMessage());
        } catch (StoreException e) {
            throw unavailable(e);
        }
    }

    @GET
    @Path("{id}/document")
    @Produces(MediaType.WILDCARD)
    public Response document(@PathParam("id") String id) {
        try {
            return file(reads.document(Readers.of(identity), uuid(id)), "attachment");
        } catch (NotFoundException e) {
            throw ProblemException.notFound(e.getMessage());
        } catch (StoreException e) {
            throw unavailable(e);
        }
    }

    @GET
    @Path("{id}/thumbnail")
    @Produces("image/png")
    public Response thumbnail(@PathParam("id") String id) {
        try {
            return file(reads.thumbnail(Readers.of(identity), uuid(id)), "inline");
        } catch (NotFoundException e) {
            throw ProblemException.notFound(e.getMessage());
        } catch (StoreException e) {
            throw unavailable(e);
        }
    }

    private static Response file(FaxFile file, String disposition) {
        // A PDF may carry scripts: nosniff and a sandbox keep it from running in the inbox's origin.
        return Response.ok(file.data(), file.contentType())
                .header("Content-Disposition", disposition + "; filename=\"" + file.filename() + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header("Cache-Control", "private, max-age=3600")
                .build();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("not a valid fax id: " + id);
        }
    }

    private static ProblemException unavailable(StoreException e) {
        return new ProblemException(503, "Service Unavailable", e.getMessage());
    }
}
