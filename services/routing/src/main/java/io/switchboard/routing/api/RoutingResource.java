package io.switchboard.routing.api;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
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
 * supervisors and admins, and only of the tenants their token names. The first read of waiting
 * contacts or agents after five minutes without one waits for the next refresh (RoutingView).
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

    /**
     * Waiting contacts of the caller's tenants' queues of that id, oldest first; another tenant's queue, even one
     * with the same id, is as unknown as a missing one.
     */
    @GET
    @Path("queues/{id}/contacts")
    public List<RoutingView.WaitingContact> waiting(@PathParam("id") String queueId) {
        List<List<RoutingView.WaitingContact>> queues = copied(() -> tenants().stream().map(tenant -> view.waiting(tenant, queueId))
                .filter(Objects::nonNull).toList());
        if (queues.isEmpty()) {
            throw ProblemException.notFound("no queue " + queueId + " is routed by this instance");
        }
        return queues.stream().flatMap(List::stream)
                .sorted(Comparator.comparing(RoutingView.WaitingContact::arrivedAt)).toList();
    }

    /** Agents who serve at least one of the caller's tenants, with only those tenants shown. */
    @GET
    @Path("agents")
    public List<RoutingView.AgentView> agents() {
        Set<String> tenants = tenants();
        return copied(view::agents).stream()
                .filter(a -> a.tenants().stream().anyMatch(tenants::contains))
                .map(a -> new RoutingView.AgentView(a.agentId(),
                        a.tenants().stream().filter(tenants::contains).collect(Collectors.toSet()), a.state(),
                        a.activeContacts(), a.idleSince()))
                .toList();
    }

    /** The view's lists, or 503 when the processor has not refreshed them in time (it is starting or taking over partitions). */
    private static <T> T copied(Supplier<T> read) {
        try {
            return read.get();
        } catch (RoutingView.NotRefreshed e) {
            throw new ProblemException(503, "Service Unavailable", e.getMessage() + "; try again");
        }
    }

    private Set<String> tenants() {
        return SignedInUser.of(identity).tenants();
    }
}
