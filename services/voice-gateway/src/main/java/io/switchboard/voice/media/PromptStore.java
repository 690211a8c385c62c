package io.switchboard.voice.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.events.PromptConfigured;
import io.switchboard.voice.domain.port.PromptLibrary;

/**
 * The prompt library: tenants' recordings from the config topic ({@code prompt.configured}, held in
 * memory, an inactive one deleted) and the built-in μ-law files under {@code prompts/} on the class
 * path. A tenant's prompt plays as {@code <tenant>/<name>}, a built-in one by its file name; a
 * tenant's name never contains a dot, so the two never meet.
 */
@ApplicationScoped
public class PromptStore implements PromptLibrary {

    static final String BUILT_IN = ".ul";
    private static final Logger LOG = Logger.getLogger(PromptStore.class);

    private final Map<String, byte[]> tenants = new ConcurrentHashMap<>();
    private final Map<String, Optional<byte[]>> builtIn = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** A tenant's recording as published: added or replaced, or removed when inactive. Undecodable audio is refused. */
    public void apply(PromptConfigured prompt) {
        String id = prompt.tenantId() + "/" + prompt.name();
        if (!prompt.active()) {
            tenants.remove(id);
            LOG.infof("prompt %s of tenant %s deleted", prompt.name(), prompt.tenantId());
            return;
        }
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode(prompt.audio());
        } catch (IllegalArgumentException notBase64) {
            LOG.errorf("prompt %s of tenant %s is refused: its audio is not base64 (%s)", prompt.name(), prompt.tenantId(),
                    notBase64.getMessage());
            return;
        }
        long limit = (long) PromptConfigured.MAX_SECONDS * PromptConfigured.SAMPLES_PER_SECOND;
        if (audio.length == 0 || audio.length > limit) {
            LOG.errorf("prompt %s of tenant %s is refused: %d samples, not 1 to %d (%d s of 8 kHz μ-law)", prompt.name(),
                    prompt.tenantId(), audio.length, limit, PromptConfigured.MAX_SECONDS);
            return;
        }
        tenants.put(id, audio);
        warned.remove(prompt.tenantId() + ":" + prompt.name());
        LOG.infof("prompt %s of tenant %s: %d ms", prompt.name(), prompt.tenantId(), audio.length / 8);
    }

    @Override
    public Optional<String> resolve(String tenantId, String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        Optional<String> found;
        if (name.endsWith(BUILT_IN)) {
            found = builtIn(name).map(audio -> name);
        } else if (tenants.containsKey(tenantId + "/" + name)) {
            found = Optional.of(tenantId + "/" + name);
        } else {
            found = builtIn(name + BUILT_IN).map(audio -> name + BUILT_IN);
        }
        if (found.isEmpty() && warned.add(tenantId + ":" + name)) {
            LOG.warnf("prompt '%s' for tenant %s is neither the tenant's recording nor a built-in one: callers hear nothing in its place",
                    name, tenantId);
        }
        return found;
    }

    /** The μ-law samples of a prompt {@link #resolve} named; empty when it was deleted since. */
    public Optional<byte[]> audio(String prompt) {
        return prompt.endsWith(BUILT_IN) ? builtIn(prompt) : Optional.ofNullable(tenants.get(prompt));
    }

    private Optional<byte[]> builtIn(String file) {
        if (!file.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") || file.contains("..")) {
            return Optional.empty();
        }
        return builtIn.computeIfAbsent(file, PromptStore::load);
    }

    private static Optional<byte[]> load(String file) {
        try (InputStream in = PromptStore.class.getClassLoader().getResourceAsStream("prompts/" + file)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
