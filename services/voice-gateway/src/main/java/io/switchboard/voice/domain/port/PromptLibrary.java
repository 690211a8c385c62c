package io.switchboard.voice.domain.port;

import java.util.Optional;

/**
 * The recordings callers hear, by the names menus, time branches and closed prompts use: a tenant's
 * own ({@code prompt.configured}) first, else the gateway's built-in one. What it returns is what
 * {@link Media#play} plays.
 */
public interface PromptLibrary {

    /**
     * The prompt {@code name} for a caller of {@code tenantId}: the tenant's recording of that name,
     * else the built-in {@code <name>.ul} (a name ending in {@code .ul} is a built-in one only); empty,
     * with a warning the first time, when neither exists: the caller then hears nothing in its place.
     */
    Optional<String> resolve(String tenantId, String name);
}
