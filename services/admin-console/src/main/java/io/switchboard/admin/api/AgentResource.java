package io.switchboard.admin.api;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.admin.domain.AgentService;
import io.switchboard.admin.domain.AgentSettings;
import io.switchboard.admin.domain.Change;
import io.switchboard.events.Channel;

/** Agents and supervisors of a tenant: Keycloak users, created and changed through Keycloak's admin API. */
@Path("/tenants/{tenantId}/agents")
@RolesAllowed({ "admin", "supervisor" })
@Blocking
public class AgentResource {

    /** What an admin sends: the agent's profile, and a password for a new agent or to reset it. */
    public record AgentRequest(String firstName, String lastName, String email, AgentSettings.Role role, Boolean enabled,
            List<String> tenants, Map<String, Integer> skills, Map<Channel, Integer> capacity, boolean blending, String password) {

        AgentSettings settings(String username) {
            return new AgentSettings(username, firstName, lastName, email, role, enabled == null || enabled, tenants, skills,
                    capacity, blending);
        }
    }

    private final AgentService agents;
    private final SecurityIdentity identity;

    public AgentResource(AgentService agents, SecurityIdentity identity) {
        this.agents = agents;
        this.identity = identity;
    }

    @GET
    public List<AgentSettings> list(@PathParam("tenantId") String tenantId) {
        return agents.agents(Actors.of(identity), tenantId);
    }

    @GET
    @Path("/{username}")
    public AgentSettings get(@PathParam("tenantId") String tenantId, @PathParam("username") String username) {
        return agents.agent(Actors.of(identity), tenantId, username);
    }

    @PUT
    @Path("/{username}")
    public Change<AgentSettings> put(@PathParam("tenantId") String tenantId, @PathParam("username") String username,
            AgentRequest request) {
        return agents.put(Actors.of(identity), tenantId, username, request == null ? null : request.settings(username),
                request == null ? null : request.password());
    }

    @DELETE
    @Path("/{username}")
    public void delete(@PathParam("tenantId") String tenantId, @PathParam("username") String username) {
        agents.delete(Actors.of(identity), tenantId, username);
    }
}
