package io.switchboard.admin.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.admin.domain.Change;
import io.switchboard.admin.domain.ConfigurationService;
import io.switchboard.admin.domain.NotFoundException;
import io.switchboard.admin.domain.QueueSettings;

/** A tenant's queues; a change is published to routing before the call returns. */
@Path("/tenants/{tenantId}/queues")
@RolesAllowed({ "admin", "supervisor" })
@Blocking
public class QueueResource {

    public record QueueView(String queueId, QueueSettings settings) {
    }

    private final ConfigurationService configuration;
    private final SecurityIdentity identity;

    public QueueResource(ConfigurationService configuration, SecurityIdentity identity) {
        this.configuration = configuration;
        this.identity = identity;
    }

    @GET
    public List<QueueView> list(@PathParam("tenantId") String tenantId) {
        return configuration.queues(Actors.of(identity), tenantId).entrySet().stream()
                .map(e -> new QueueView(e.getKey(), e.getValue())).toList();
    }

    @GET
    @Path("/{queueId}")
    public QueueView get(@PathParam("tenantId") String tenantId, @PathParam("queueId") String queueId) {
        QueueSettings queue = configuration.queues(Actors.of(identity), tenantId).get(queueId);
        if (queue == null) {
            throw new NotFoundException("no queue '" + queueId + "' in tenant '" + tenantId + "'");
        }
        return new QueueView(queueId, queue);
    }

    /** Creates or replaces the queue; the answer's warnings say when no agent can serve it. */
    @PUT
    @Path("/{queueId}")
    public Change<QueueSettings> put(@PathParam("tenantId") String tenantId, @PathParam("queueId") String queueId,
            QueueSettings queue) {
        return configuration.putQueue(Actors.of(identity), tenantId, queueId, queue);
    }

    /** 409 while entry points lead to it, others overflow to it, or it is the tenant's default. */
    @DELETE
    @Path("/{queueId}")
    public void delete(@PathParam("tenantId") String tenantId, @PathParam("queueId") String queueId) {
        configuration.deleteQueue(Actors.of(identity), tenantId, queueId);
    }
}
