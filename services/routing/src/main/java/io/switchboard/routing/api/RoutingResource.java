package io.switchboard.routing.api;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.routing.messaging.RoutingView;
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.security.SignedInUser;

/**
 * Read-only routing state of the domains this instance owns, refreshed every second: for
 * supervisors and admins, and only of the tenants their token names.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "supervisor", "admin" })
public class RoutingResource {

    private final RoutingView view;
    private final SecurityIdentity identity;

    public RoutingResource(RoutingView view, SecurityIdentity identity) {
        this.view = view;
        this.identity = identity;
    }

    @GET
    @Path("queues")
    public List<RoutingView.QueueView> queues() {
        Set<String> tenants = tenants();
        return view.queues().stream().filter(q -> tenants.contains(q.tenantId())).toList();
    }

    /** Waiting contacts of a queue, oldest first; another tenant's queue is as unknown as a missing one. */
    @GET
    @Path("queues/{id}/contacts")
    public List<RoutingView.WaitingContact> waiting(@PathParam("id") String queueId) {
        List<RoutingView.WaitingContact> waiting = view.queueTenant(queueId).filter(tenants()::contains)
                .map(tenant -> view.waiting(queueId)).orElse(null);
        if (waiting == null) {
            throw ProblemException.notFound("no queue " + queueId + " is routed by this instance");
        }
        return waiting;
    }

    /** Agents who serve at least one of the caller's tenants, with only those tenants shown. */
    @GET
    @Path("agents")
    public List<RoutingView.AgentView> agents() {
        Set<String> tenants = tenants();
        return view.agents().stream()
                .filter(a -> a.tenants().stream().anyMatch(tenants::contains))
                .map(a -> new RoutingView.AgentView(a.agentId(),
                        a.tenants().stream().filter(tenants::contains).collect(Collectors.toSet()), a.state(),
                        a.activeContacts(), a.idleSince()))
                .toList();
    }

    private Set<String> tenants() {
        return SignedInUser.of(identity).tenants();
    }
}
