package io.switchboard.admin.domain;

/** A skill of a tenant's catalogue: queues require it, agents have it at a proficiency of 1 to 5. */
public record SkillSettings(String name, String description) {
}
