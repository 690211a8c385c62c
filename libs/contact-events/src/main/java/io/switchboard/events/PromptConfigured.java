package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A recording a tenant's callers hear: an IVR menu, a time branch's greeting, a closed message.
 * IVR menus and business hours name it by {@code name}; the voice gateway plays it. A deleted
 * prompt is published inactive, without audio.
 *
 * @param name  lower-case letters, digits and '-', unique within the tenant
 * @param audio base64 of 8 kHz mono μ-law (G.711) samples, at most {@link #MAX_SECONDS} seconds
 */
public record PromptConfigured(UUID eventId, String tenantId, Instant occurredAt, String name, String description,
        String audio, boolean active) implements ConfigEvent {

    /** The voice gateway's own recordings, which a tenant may name without uploading them. */
    public static final java.util.List<String> BUILT_IN = java.util.List.of("welcome", "closed");

    /** The longest prompt, so that one stays far below Kafka's default 1 MB record. */
    public static final int MAX_SECONDS = 60;
    public static final int SAMPLES_PER_SECOND = 8000;

    public PromptConfigured {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(name, "name");
        if (!name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("a prompt name is 1-40 lower-case letters, digits and '-', not '" + name + "'");
        }
        if (active) {
            Require.present(audio, "audio");
        } else {
            audio = null;
        }
    }

    @Override
    public String subject() {
        return "prompt:" + tenantId + ":" + name;
    }
}
