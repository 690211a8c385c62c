package io.switchboard.email.api;

import java.util.List;
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
import io.switchboard.email.domain.AttachmentContent;
import io.switchboard.email.domain.EmailReads;
import io.switchboard.email.domain.EmailView;
import io.switchboard.email.domain.NotFoundException;
import io.switchboard.email.domain.StoreException;
import io.switchboard.service.api.ProblemException;

/**
 * What the inbox reads of an email conversation: its messages (HTML already sanitized) and their
 * files. Supervisors and admins of the conversation's tenant, and agents routing offered or assigned
 * it to ({@link EmailReads}); anything else is a 404, as if it did not exist.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class EmailResource {

    private final EmailReads reads;
    private final SecurityIdentity identity;

    public EmailResource(EmailReads reads, SecurityIdentity identity) {
        this.reads = reads;
        this.identity = identity;
    }

    @GET
    @Path("contacts/{contactId}/emails")
    public List<EmailView> thread(@PathParam("contactId") String contactId) throws StoreException, NotFoundException {
        return reads.thread(Readers.of(identity), contactId);
    }

    @GET
    @Path("emails/{id}")
    public EmailView email(@PathParam("id") String id) throws StoreException, NotFoundException {
        return reads.email(Readers.of(identity), uuid(id, "email"));
    }

    @GET
    @Path("attachments/{id}")
    @Produces(MediaType.WILDCARD)
    public Response attachment(@PathParam("id") String id) throws StoreException, NotFoundException {
        AttachmentContent file = reads.attachment(Readers.of(identity), uuid(id, "attachment"));
        String filename = file.filename() == null ? id : file.filename().replaceAll("[\"\\\\\\r\\n]", "_");
        // Served as a download, never rendered: a customer's HTML or SVG file must not run in the agent's origin.
        return Response.ok(file.data(), file.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .build();
    }

    private static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("not a valid " + what + " id: " + id);
        }
    }
}
