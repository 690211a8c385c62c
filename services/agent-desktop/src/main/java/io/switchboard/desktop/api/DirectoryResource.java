package io.switchboard.desktop.api;

import java.sql.SQLException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.desktop.config.DesktopConfig;
import io.switchboard.desktop.domain.AgentView;
import io.switchboard.desktop.domain.QueueView;
import io.switchboard.desktop.domain.Viewer;
import io.switchboard.desktop.persistence.DesktopStore;

/** What an agent picks from: transfer targets of their tenants and the wrap-up codes. */
@Path("/directory")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class DirectoryResource {

    private final SecurityIdentity identity;
    private final DesktopStore store;
    private final DesktopConfig config;

    public DirectoryResource(SecurityIdentity identity, DesktopStore store, DesktopConfig config) {
        this.identity = identity;
        this.store = store;
        this.config = config;
    }

    public record Target(String tenantId, String id, String name) {
    }

    public record Directory(List<Target> queues, List<Target> agents, List<String> dispositions) {
    }

    @GET
    public Directory directory() throws SQLException {
        Viewer viewer = Viewers.of(identity);
        List<Target> queues = store.queues(viewer.tenants()).stream()
                .map((QueueView q) -> new Target(q.tenantId(), q.queueId(), q.name())).toList();
        List<Target> agents = store.agents(viewer.tenants()).stream()
                .filter(a -> !a.agentId().equals(viewer.agentId()))
                .flatMap((AgentView a) -> a.tenants().stream().filter(viewer::serves).map(t -> new Target(t, a.agentId(), a.name())))
                .toList();
        return new Directory(queues, agents, config.dispositions());
    }
}
