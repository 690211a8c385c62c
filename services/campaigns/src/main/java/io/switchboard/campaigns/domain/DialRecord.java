package io.switchboard.campaigns.domain;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** A record the dialler may call: due, not done, not in flight, not reserved, on no do-not-call or opt-out list. */
public record DialRecord(UUID id, String phone, Map<String, String> fields, int attempts, int attemptsToday, LocalDate attemptDay) {

    public DialRecord {
        fields = Map.copyOf(fields);
    }

    /** Attempts already made on {@code today} (the count resets with the campaign's day). */
    public int attemptsOn(LocalDate today) {
        return today.equals(attemptDay) ? attemptsToday : 0;
    }
}
