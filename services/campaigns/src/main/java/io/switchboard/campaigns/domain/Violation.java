package io.switchboard.campaigns.domain;

/** One wrong field of a request and why. */
public record Violation(String field, String message) {
}
