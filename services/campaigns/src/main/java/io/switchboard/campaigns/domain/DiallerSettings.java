package io.switchboard.campaigns.domain;

import java.time.Duration;

/**
 * The dialler's timings.
 *
 * @param lease          how long a tick's lease on a campaign lasts (another instance takes over after it)
 * @param windowRecheck  when a record outside its calling window is looked at again
 * @param lostAfter      beyond the ring time: an attempt with no result after ring time + this is FAILED (lost)
 * @param figuresMaxAge  routing's queue figures older than this count as no free agent
 * @param maxFetch       the most records a tick examines
 */
public record DiallerSettings(Duration lease, Duration windowRecheck, Duration lostAfter, Duration figuresMaxAge, int maxFetch) {
}
