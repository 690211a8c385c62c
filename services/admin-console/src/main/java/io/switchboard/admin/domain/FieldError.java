package io.switchboard.admin.domain;

/** One thing wrong with a submitted configuration: the field (a JSON path such as {@code requiredSkills.loans}) and why, in words. */
public record FieldError(String field, String message) {
}
