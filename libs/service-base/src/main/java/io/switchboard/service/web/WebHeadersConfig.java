package io.switchboard.service.web;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The security headers of a service that serves pages to browsers (the inbox, the console, the chat demo page);
 * off for the others, whose callers are programs.
 */
@ConfigMapping(prefix = "switchboard.web-headers")
public interface WebHeadersConfig {

    @WithDefault("false")
    boolean enabled();

    /** URLs (Keycloak's) whose origins the pages may call, frame and send forms to besides their own; none when empty. */
    Optional<List<String>> connectTo();

    /** Origins that may put the pages in a frame; none when empty. */
    Optional<List<String>> frameAncestors();
}
