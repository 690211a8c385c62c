package io.switchboard.voice.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a waiting caller is told between the queue audio: the expected wait in whole minutes (rounded
 * up, never "zero"), "more than ten minutes" beyond that, or only thanks while no estimate exists.
 * The names are μ-law prompts under {@code prompts/}.
 */
public final class ComfortMessage {

    static final int MOST_MINUTES_SPOKEN = 10;

    private ComfortMessage() {
    }

    public static List<String> prompts(Optional<Duration> expectedWait) {
        if (expectedWait.isEmpty()) {
            return List.of("still-waiting.ul");
        }
        long minutes = Math.max(1, (expectedWait.get().toSeconds() + 59) / 60);
        if (minutes > MOST_MINUTES_SPOKEN) {
            return List.of("wait-long.ul");
        }
        return List.of("wait-intro.ul", "number-" + minutes + ".ul", minutes == 1 ? "minute.ul" : "minutes.ul");
    }
}
