package io.switchboard.campaigns.domain;

/** An entry left out of an import, with its line (or index) and why. */
public record Rejected(long line, String reason) {
}
