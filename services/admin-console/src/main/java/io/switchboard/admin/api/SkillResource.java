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
import io.switchboard.admin.domain.SkillSettings;

/** A tenant's skill catalogue: the only skills its queues may require and its agents may have. */
@Path("/tenants/{tenantId}/skills")
@RolesAllowed({ "admin", "supervisor" })
@Blocking
public class SkillResource {

    public record SkillView(String skillId, String name, String description) {
    }

    private final ConfigurationService configuration;
    private final SecurityIdentity identity;

    public SkillResource(ConfigurationService configuration, SecurityIdentity identity) {
        this.configuration = configuration;
        this.identity = identity;
    }

    @GET
    public List<SkillView> list(@PathParam("tenantId") String tenantId) {
        return configuration.skills(Actors.of(identity), tenantId).entrySet().stream()
                .map(e -> new SkillView(e.getKey(), e.getValue().name(), e.getValue().description())).toList();
    }

    @PUT
    @Path("/{skillId}")
    public Change<SkillSettings> put(@PathParam("tenantId") String tenantId, @PathParam("skillId") String skillId,
            SkillSettings skill) {
        return configuration.putSkill(Actors.of(identity), tenantId, skillId, skill);
    }

    /** 409 while a queue requires the skill. */
    @DELETE
    @Path("/{skillId}")
    public void delete(@PathParam("tenantId") String tenantId, @PathParam("skillId") String skillId) {
        configuration.deleteSkill(Actors.of(identity), tenantId, skillId);
    }
}
