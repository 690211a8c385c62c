package io.switchboard.admin.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.switchboard.admin.config.AdminConfig;

/** The sign-in settings the web app needs before it has a token (public). */
@Path("/config")
public class ConfigResource {

    public record BrowserConfig(String keycloakUrl, String realm, String clientId) {
    }

    private final AdminConfig config;

    public ConfigResource(AdminConfig config) {
        this.config = config;
    }

    @GET
    public BrowserConfig config() {
        return new BrowserConfig(config.browser().keycloakUrl(), config.browser().realm(), config.browser().clientId());
    }
}
