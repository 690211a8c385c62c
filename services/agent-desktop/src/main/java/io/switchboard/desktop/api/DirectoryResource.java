package io.switchboard.desktop.api;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.desktop.config.DesktopConfig;
import io.switchboard.desktop.domain.AgentView;
import io.switchboard.desktop.domain.DialPlan;
import io.switchboard.desktop.domain.QueueView;
import io.switchboard.desktop.domain.Viewer;
import io.switchboard.desktop.domain.InboxStore;

/** What an agent picks from: transfer targets of their tenants, the wrap-up codes and the caller ids of their calls. */
@Path("/directory")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class DirectoryResource {

    private final SecurityIdentity identity;
    private final InboxStore store;
    private final DesktopConfig config;

    public DirectoryResource(SecurityIdentity identity, InboxStore store, DesktopConfig config) {
        this.identity = identity;
        this.store = store;
        this.config = config;
    }

    public record Target(String tenantId, String id, String name) {
    }

    /** A number the caller may show customers when calling them for a tenant. */
    public record CallerId(String tenantId, String number) {
    }

    public record Directory(List<Target> queues, List<Target> agents, List<String> dispositions, List<CallerId> callerIds) {
    }

    @GET
    public Directory directory() {
        Viewer viewer = Viewers.of(identity);
        List<Target> queues = store.queues(viewer.tenants()).stream()
                .map((QueueView q) -> new Target(q.tenantId(), q.queueId(), q.name())).toList();
        List<Target> agents = store.agents(viewer.tenants()).stream()
                .filter(a -> !a.agentId().equals(viewer.agentId()))
                .flatMap((AgentView a) -> a.tenants().stream().filter(viewer::serves).map(t -> new Target(t, a.agentId(), a.name())))
                .toList();
        return new Directory(queues, agents, config.dispositions(), callerIds(viewer));
    }

    /** The voice numbers of the tenants the caller serves in the token and as a configured agent: where they may place calls. */
    private List<CallerId> callerIds(Viewer viewer) {
        Set<String> tenants = store.tenantsOf(viewer.agentId()).stream().filter(viewer::serves).collect(Collectors.toSet());
        return store.dialPlans(tenants).stream()
                .flatMap((DialPlan plan) -> plan.callerIds().stream().map(number -> new CallerId(plan.tenantId(), number)))
                .toList();
    }
}
