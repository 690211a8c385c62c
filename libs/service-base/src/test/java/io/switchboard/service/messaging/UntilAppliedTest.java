package io.switchboard.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class UntilAppliedTest {

    /** A service's own checked store failure, as the channels declare theirs. */
    static class StoreDown extends Exception {
        StoreDown(Throwable cause) {
            super("the database failed", cause);
        }
    }

    private final List<Long> pauses = new ArrayList<>();
    private final UntilApplied untilApplied = UntilApplied.retrying(StoreDown.class, PublishFailedException.class)
            .pausingWith(pauses::add);

    @Test
    void anEventIsTriedAgainWithLongerPausesUntilTheOutageEnds() throws StoreDown {
        int[] attempts = {0};
        untilApplied.apply("contact.offered", () -> {
            attempts[0]++;
            if (attempts[0] <= 5) {
                throw new StoreDown(new SQLException("connection refused"));
            }
            if (attempts[0] <= 8) {
                throw new PublishFailedException("Kafka did not acknowledge the events", null);
            }
        });

        assertThat(attempts[0]).isEqualTo(9);
        assertThat(pauses).containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L, 5_000L, 5_000L);
    }

    @Test
    void anyOtherFailureIsThrownAtOnce() {
        int[] attempts = {0};
        assertThatThrownBy(() -> untilApplied.apply("a bug", () -> {
            attempts[0]++;
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(attempts[0]).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void anInterruptedPauseGivesUpWithTheFailureAndKeepsTheInterrupt() {
        StoreDown down = new StoreDown(new SQLException("connection refused"));
        UntilApplied interrupted = UntilApplied.retrying(StoreDown.class).pausingWith(millis -> {
            throw new InterruptedException("shutting down");
        });
        try {
            assertThatThrownBy(() -> interrupted.apply("shutdown", () -> {
                throw down;
            })).isSameAs(down);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
