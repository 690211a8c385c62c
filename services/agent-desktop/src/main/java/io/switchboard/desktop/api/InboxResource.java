package io.switchboard.desktop.api;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.desktop.domain.AgentActions;
import io.switchboard.desktop.domain.Coaching;
import io.switchboard.desktop.domain.ContactSummary;
import io.switchboard.desktop.domain.Conversation;
import io.switchboard.desktop.domain.ReplyTemplate;
import io.switchboard.desktop.domain.ThreadMessage;
import io.switchboard.desktop.domain.Viewer;
import io.switchboard.desktop.domain.InboxStore;
import io.switchboard.events.CallControlRequested;
import io.switchboard.service.api.ProblemException;

/** The agent's own inbox: presence, offers, conversations and what they do with them. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class InboxResource {

    private final SecurityIdentity identity;
    private final InboxStore store;
    private final AgentActions actions;

    public InboxResource(SecurityIdentity identity, InboxStore store, AgentActions actions) {
        this.identity = identity;
        this.store = store;
        this.actions = actions;
    }

    public record Me(String agentId, String name, List<String> tenants, List<String> roles, boolean supervisor, String presence,
            Instant wrapUpEndsAt) {
    }

    @GET
    @Path("me")
    public Me me() {
        Viewer viewer = viewer();
        return new Me(viewer.agentId(), viewer.name(), viewer.tenants().stream().sorted().toList(),
                viewer.roles().stream().sorted().toList(), viewer.supervisor(), store.presenceOf(viewer.agentId()).orElse("OFFLINE"),
                store.wrapUpEndsAt(viewer.agentId()).orElse(null));
    }

    @PUT
    @Path("me/presence")
    public Response presence(Requests.Presence body) {
        actions.setPresence(viewer(), body == null ? null : body.state());
        return Response.accepted().build();
    }

    @GET
    @Path("contacts")
    public List<ContactSummary> inbox() {
        Viewer viewer = viewer();
        return store.inbox(viewer.agentId(), viewer.tenants(), Instant.now());
    }

    @GET
    @Path("contacts/{id}")
    public Conversation conversation(@PathParam("id") String contactId) {
        Viewer viewer = viewer();
        ContactSummary contact = actions.visible(viewer, contactId);
        Conversation conversation = store.conversation(contactId)
                .orElseThrow(() -> ProblemException.notFound("no contact " + contactId + " for you"));
        return Coaching.mayRead(viewer, contact) ? conversation : conversation.withoutNotes();
    }

    @POST
    @Path("contacts/{id}/read")
    public Response read(@PathParam("id") String contactId) {
        actions.markRead(viewer(), contactId);
        return Response.noContent().build();
    }

    @POST
    @Path("contacts/{id}/hold")
    public Response hold(@PathParam("id") String contactId) {
        actions.callControl(viewer(), contactId, CallControlRequested.Action.HOLD);
        return Response.accepted().build();
    }

    @POST
    @Path("contacts/{id}/resume")
    public Response resume(@PathParam("id") String contactId) {
        actions.callControl(viewer(), contactId, CallControlRequested.Action.RESUME);
        return Response.accepted().build();
    }

    @POST
    @Path("contacts/{id}/typing")
    public Response typing(@PathParam("id") String contactId) {
        actions.typing(viewer(), contactId);
        return Response.noContent().build();
    }

    @POST
    @Path("contacts/{id}/accept")
    public Response accept(@PathParam("id") String contactId, Requests.OfferAnswer body) {
        actions.answerOffer(viewer(), contactId, body == null ? null : body.offerId(), true);
        return Response.accepted().build();
    }

    @POST
    @Path("contacts/{id}/decline")
    public Response decline(@PathParam("id") String contactId, Requests.OfferAnswer body) {
        actions.answerOffer(viewer(), contactId, body == null ? null : body.offerId(), false);
        return Response.accepted().build();
    }

    @POST
    @Path("contacts/{id}/replies")
    public Response reply(@PathParam("id") String contactId, Requests.Reply body) {
        Requests.Template template = body == null ? null : body.template();
        ThreadMessage pending = actions.reply(viewer(), contactId, body == null ? null : body.text(), template == null ? null
                : new ReplyTemplate(template.name(), template.language(), template.parameters()), body == null ? null : body.messageId());
        return Response.accepted(pending).build();
    }

    @POST
    @Path("contacts/{id}/transfer")
    public Response transfer(@PathParam("id") String contactId, Requests.Transfer body) {
        if (body == null) {
            throw ProblemException.badRequest("name a queueId or an agentId");
        }
        actions.transfer(viewer(), contactId, body.queueId(), body.agentId(), body.note());
        return Response.accepted().build();
    }

    /** Ends a contact the agent holds (204 once contact.ended is on Kafka); its wrap-up is then due. */
    @POST
    @Path("contacts/{id}/end")
    public Response end(@PathParam("id") String contactId) {
        actions.end(viewer(), contactId);
        return Response.noContent().build();
    }

    @POST
    @Path("contacts/{id}/wrap-up")
    public Response wrapUp(@PathParam("id") String contactId, Requests.WrapUp body) {
        actions.wrapUp(viewer(), contactId, body == null ? null : body.disposition());
        return Response.noContent().build();
    }

    private Viewer viewer() {
        return Viewers.of(identity);
    }
}
