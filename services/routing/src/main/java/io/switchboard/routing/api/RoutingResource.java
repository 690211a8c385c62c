package io.switchboard.routing.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.switchboard.routing.messaging.RoutingView;
import io.switchboard.service.api.ProblemException;

/**
 * Read-only routing state of the domains this instance owns, refreshed every second. Secured by
 * roles and tenants once the console issue brings Keycloak.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class RoutingResource {

    private final RoutingView view;

    public RoutingResource(RoutingView view) {
        this.view = view;
    }

    @GET
    @Path("queues")
    public List<RoutingView.QueueView> queues() {
        return view.queues();
    }

    /** Waiting contacts of a queue, oldest first. */
    @GET
    @Path("queues/{id}/contacts")
    public List<RoutingView.WaitingContact> waiting(@PathParam("id") String queueId) {
        List<RoutingView.WaitingContact> waiting = view.waiting(queueId);
        if (waiting == null) {
            throw ProblemException.notFound("no queue " + queueId + " is routed by this instance");
        }
        return waiting;
    }

    @GET
    @Path("agents")
    public List<RoutingView.AgentView> agents() {
        return view.agents();
    }
}
