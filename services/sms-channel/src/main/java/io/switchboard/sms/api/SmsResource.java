package io.switchboard.sms.api;

import java.time.Instant;
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
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.security.SignedInUser;
import io.switchboard.sms.domain.MediaContent;
import io.switchboard.sms.domain.NotFoundException;
import io.switchboard.sms.domain.ReplyPolicy;
import io.switchboard.sms.domain.ReplyService;
import io.switchboard.sms.domain.SmsStore;
import io.switchboard.sms.domain.StoreException;

/**
 * What the inbox and supervisors read of the SMS channel: whether an agent may reply in a contact,
 * a tenant's opted-out numbers, and MMS files. Bearer tokens of the realm, filtered by the token's
 * tenants: another tenant's contact or file is a 404, as if it did not exist.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SmsResource {

    /** The reply-policy answer both messaging channels give the inbox (SMS: no platform, window or templates). */
    public record ReplyPolicyView(String contactId, String channel, String platform, boolean canReply, String reason,
            Instant windowClosesAt, List<Object> templates) {
    }

    public record OptOutView(String number, String keyword, Instant optedOutAt) {
    }

    private final ReplyService replies;
    private final SmsStore store;
    private final SecurityIdentity identity;

    public SmsResource(ReplyService replies, SmsStore store, SecurityIdentity identity) {
        this.replies = replies;
        this.store = store;
        this.identity = identity;
    }

    @GET
    @Path("contacts/{contactId}/reply-policy")
    @RolesAllowed({"agent", "supervisor", "admin"})
    public ReplyPolicyView replyPolicy(@PathParam("contactId") String contactId) throws StoreException {
        try {
            ReplyPolicy policy = replies.policy(contactId, user().tenants());
            return new ReplyPolicyView(policy.contactId(), "SMS", null, policy.canReply(), policy.reason(), policy.windowClosesAt(),
                    List.of());
        } catch (NotFoundException e) {
            throw ProblemException.notFound(e.getMessage());
        }
    }

    @GET
    @Path("tenants/{tenantId}/opt-outs")
    @RolesAllowed({"supervisor", "admin"})
    public List<OptOutView> optOuts(@PathParam("tenantId") String tenantId) throws StoreException {
        user().requireServes(tenantId);
        return replies.optedOut(tenantId).stream().map(o -> new OptOutView(o.number(), o.keyword(), o.changedAt())).toList();
    }

    @GET
    @Path("media/{id}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Response media(@PathParam("id") String id) throws StoreException {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("not a valid media id: " + id);
        }
        MediaContent file = store.media(uuid).filter(m -> user().serves(m.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("no media " + id));
        // Served as a download, never rendered: a customer's SVG or HTML must not run in the agent's origin.
        return Response.ok(file.data(), file.contentType())
                .header("Content-Disposition", "attachment; filename=\"media-" + uuid + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .build();
    }

    private SignedInUser user() {
        return SignedInUser.of(identity);
    }
}
