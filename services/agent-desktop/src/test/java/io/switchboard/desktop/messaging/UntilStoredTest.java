package io.switchboard.desktop.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.desktop.domain.StoreException;

class UntilStoredTest {

    private final List<Long> pauses = new ArrayList<>();

    @Test
    void anEventIsTriedAgainWithLongerPausesUntilTheDatabaseIsBack() {
        int[] attempts = {0};
        UntilStored.apply("queue.stats", () -> {
            if (++attempts[0] <= 8) {
                throw new StoreException("the desktop's database failed", new SQLException("connection refused"));
            }
        }, pauses::add);

        assertThat(attempts[0]).isEqualTo(9);
        assertThat(pauses).containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L, 5_000L, 5_000L);
    }

    @Test
    void anythingButTheDatabaseFailingIsNotRetried() {
        int[] attempts = {0};
        assertThatThrownBy(() -> UntilStored.apply("bad", () -> {
            attempts[0]++;
            throw new IllegalStateException("a bug");
        }, pauses::add)).isInstanceOf(IllegalStateException.class);
        assertThat(attempts[0]).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }
}
