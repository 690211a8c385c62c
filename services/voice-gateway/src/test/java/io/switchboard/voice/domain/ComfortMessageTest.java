package io.switchboard.voice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ComfortMessageTest {

    @Test
    void theWaitIsSpokenInWholeMinutesRoundedUp() {
        assertThat(ComfortMessage.prompts(Optional.of(Duration.ofSeconds(5)))).containsExactly("wait-intro.ul", "number-1.ul", "minute.ul");
        assertThat(ComfortMessage.prompts(Optional.of(Duration.ofSeconds(61)))).containsExactly("wait-intro.ul", "number-2.ul", "minutes.ul");
        assertThat(ComfortMessage.prompts(Optional.of(Duration.ofMinutes(10)))).containsExactly("wait-intro.ul", "number-10.ul", "minutes.ul");
    }

    @Test
    void aLongOrUnknownWaitIsNotGivenANumber() {
        assertThat(ComfortMessage.prompts(Optional.of(Duration.ofMinutes(10).plusSeconds(1)))).containsExactly("wait-long.ul");
        assertThat(ComfortMessage.prompts(Optional.empty())).containsExactly("still-waiting.ul");
    }

    @Test
    void everyPromptItNamesIsInTheRepository() {
        for (long seconds = 0; seconds <= 700; seconds += 30) {
            for (String prompt : ComfortMessage.prompts(Optional.of(Duration.ofSeconds(seconds)))) {
                assertThat(ComfortMessage.class.getClassLoader().getResource("prompts/" + prompt)).as(prompt).isNotNull();
            }
        }
        assertThat(ComfortMessage.class.getClassLoader().getResource("prompts/still-waiting.ul")).isNotNull();
    }
}
