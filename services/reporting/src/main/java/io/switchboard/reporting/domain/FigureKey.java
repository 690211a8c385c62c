package io.switchboard.reporting.domain;

import java.time.Instant;

/** One row of the interval figures: a queue, agent or channel in one 15-minute interval. */
public record FigureKey(Dimension dimension, String key, Instant interval) {
}
