package io.switchboard.desktop.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.switchboard.desktop.config.DesktopConfig;

/** Where the web app signs in (public: it is read before sign-in and holds no secret). */
@Path("/config")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {

    private final DesktopConfig config;

    public ConfigResource(DesktopConfig config) {
        this.config = config;
    }

    public record WebConfig(String keycloakUrl, String realm, String clientId) {
    }

    @GET
    public WebConfig config() {
        return new WebConfig(config.keycloakUrl(), config.keycloakRealm(), config.keycloakClientId());
    }
}
