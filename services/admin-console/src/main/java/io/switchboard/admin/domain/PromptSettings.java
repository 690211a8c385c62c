package io.switchboard.admin.domain;

import java.time.Instant;

/** A tenant's recording as the console lists it; its audio (8 kHz μ-law) is read on its own. */
public record PromptSettings(String name, String description, double seconds, Instant updatedAt) {
}
