package io.switchboard.social.api;

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
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.security.SignedInUser;
import io.switchboard.social.domain.ReplyPolicies;
import io.switchboard.social.domain.ReplyPolicy;
import io.switchboard.social.domain.SocialStore;
import io.switchboard.social.domain.StoreException;

/**
 * What the inbox reads of a social conversation: its reply policy (the window, and the templates
 * allowed once it closed) and the files customers sent. Agents, supervisors and admins, only for the
 * tenants in their token: another tenant's contact is a 404, as if it did not exist.
 */
@Path("/api")
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class ReplyPolicyResource {

    private final ReplyPolicies policies;
    private final SocialStore store;
    private final SecurityIdentity identity;

    public ReplyPolicyResource(ReplyPolicies policies, SocialStore store, SecurityIdentity identity) {
        this.policies = policies;
        this.store = store;
        this.identity = identity;
    }

    @GET
    @Path("contacts/{contactId}/reply-policy")
    @Produces(MediaType.APPLICATION_JSON)
    public ReplyPolicy replyPolicy(@PathParam("contactId") String contactId) throws StoreException {
        return policies.of(contactId, SignedInUser.of(identity).tenants())
                .orElseThrow(() -> ProblemException.notFound("no social conversation " + contactId));
    }

    @GET
    @Path("social/attachments/{id}")
    @Produces(MediaType.WILDCARD)
    public Response attachment(@PathParam("id") String id) throws StoreException {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("not a valid attachment id: " + id);
        }
        SocialStore.Attachment file = store.attachment(uuid)
                .filter(a -> SignedInUser.of(identity).serves(a.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("no attachment " + id));
        String filename = file.filename() == null ? id : file.filename().replaceAll("[\"\\\\\\r\\n]", "_");
        // Served as a download, never rendered: a customer's HTML or SVG file must not run in the agent's origin.
        return Response.ok(file.data(), file.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .build();
    }
}
