package io.switchboard.admin.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.admin.domain.Change;
import io.switchboard.admin.domain.PromptService;
import io.switchboard.admin.domain.PromptSettings;

/**
 * A tenant's recordings for callers. Uploaded as a WAV file ({@code audio/wav}: PCM, μ-law or A-law,
 * any rate, mono or stereo; converted to 8 kHz μ-law) or as raw 8 kHz μ-law ({@code audio/basic}),
 * and played back as WAV.
 */
@Path("/tenants/{tenantId}/prompts")
@RolesAllowed({ "admin", "supervisor" })
@Blocking
public class PromptResource {

    static final String RAW_ULAW = "audio/basic";

    private final PromptService prompts;
    private final SecurityIdentity identity;

    public PromptResource(PromptService prompts, SecurityIdentity identity) {
        this.prompts = prompts;
        this.identity = identity;
    }

    @GET
    public List<PromptSettings> list(@PathParam("tenantId") String tenantId) {
        return prompts.prompts(Actors.of(identity), tenantId);
    }

    @PUT
    @Path("/{name}")
    @Consumes({ "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave", RAW_ULAW })
    public Change<PromptSettings> put(@PathParam("tenantId") String tenantId, @PathParam("name") String name,
            @QueryParam("description") String description, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] audio) {
        byte[] ulaw = contentType != null && contentType.startsWith(RAW_ULAW) ? audio : WavAudio.toUlaw(audio);
        return prompts.put(Actors.of(identity), tenantId, name, description, ulaw);
    }

    @GET
    @Path("/{name}/audio")
    @Produces("audio/wav")
    public byte[] audio(@PathParam("tenantId") String tenantId, @PathParam("name") String name) {
        return WavAudio.toWav(prompts.audio(Actors.of(identity), tenantId, name));
    }

    @DELETE
    @Path("/{name}")
    public void delete(@PathParam("tenantId") String tenantId, @PathParam("name") String name) {
        prompts.delete(Actors.of(identity), tenantId, name);
    }
}
