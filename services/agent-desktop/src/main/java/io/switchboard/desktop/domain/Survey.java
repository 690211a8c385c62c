package io.switchboard.desktop.domain;

import java.time.Instant;

/** The customer's satisfaction rating of a contact: a score of 1 to 5 and their comment. */
public record Survey(int score, String comment, Instant at) {
}
