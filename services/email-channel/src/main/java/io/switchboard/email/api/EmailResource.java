package io.switchboard.email.api;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.email.persistence.AttachmentContent;
import io.switchboard.email.persistence.EmailStore;
import io.switchboard.email.persistence.EmailThread;
import io.switchboard.email.persistence.EmailView;
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.security.TenantsClaim;

/**
 * What the inbox reads of an email conversation: its messages (HTML already sanitized) and their
 * files. Signed-in agents, supervisors and admins only, and only for the tenants in their token:
 * another tenant's message is a 404, as if it did not exist.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class EmailResource {

    private final EmailStore store;
    private final JsonWebToken token;

    public EmailResource(EmailStore store, JsonWebToken token) {
        this.store = store;
        this.token = token;
    }

    @GET
    @Path("contacts/{contactId}/emails")
    public List<EmailView> thread(@PathParam("contactId") String contactId) throws SQLException {
        EmailThread thread = store.thread(contactId).filter(t -> serves(t.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("no email conversation " + contactId));
        return store.threadView(thread);
    }

    @GET
    @Path("emails/{id}")
    public EmailView email(@PathParam("id") String id) throws SQLException {
        return store.inbound(uuid(id, "email")).filter(e -> serves(e.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("no email " + id));
    }

    @GET
    @Path("attachments/{id}")
    @Produces(MediaType.WILDCARD)
    public Response attachment(@PathParam("id") String id) throws SQLException {
        AttachmentContent file = store.attachment(uuid(id, "attachment")).filter(a -> serves(a.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("no attachment " + id));
        String filename = file.filename() == null ? id : file.filename().replaceAll("[\"\\\\\\r\\n]", "_");
        // Served as a download, never rendered: a customer's HTML or SVG file must not run in the agent's origin.
        return Response.ok(file.data(), file.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .build();
    }

    private boolean serves(String tenantId) {
        Set<String> tenants = TenantsClaim.read(token.getClaim(TenantsClaim.NAME));
        return tenants.contains(tenantId);
    }

    private static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("not a valid " + what + " id: " + id);
        }
    }
}
