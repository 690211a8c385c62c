package io.switchboard.desktop.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.desktop.domain.AgentView;
import io.switchboard.desktop.domain.ContactSummary;
import io.switchboard.desktop.domain.QueueView;
import io.switchboard.desktop.domain.InboxStore;

/** The supervisor's wallboard: their tenants' queues, agents and open contacts (live updates come over the socket). */
@Path("/supervisor")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"supervisor", "admin"})
@Blocking
public class SupervisorResource {

    private final SecurityIdentity identity;
    private final InboxStore store;

    public SupervisorResource(SecurityIdentity identity, InboxStore store) {
        this.identity = identity;
        this.store = store;
    }

    @GET
    @Path("queues")
    public List<QueueView> queues() {
        return store.queues(Viewers.of(identity).tenants());
    }

    @GET
    @Path("agents")
    public List<AgentView> agents() {
        return store.agents(Viewers.of(identity).tenants());
    }

    @GET
    @Path("contacts")
    public List<ContactSummary> contacts() {
        return store.active(Viewers.of(identity).tenants());
    }
}
