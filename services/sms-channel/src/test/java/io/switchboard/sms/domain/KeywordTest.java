package io.switchboard.sms.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class KeywordTest {

    @Test
    void theCarrierKeywordsAloneAreRecognisedInAnyCase() {
        for (String word : new String[] {"STOP", "stop", " Stop ", "STOPALL", "unsubscribe", "CANCEL", "End", "quit", "STOP."}) {
            assertThat(Keyword.of(word)).as(word).contains(Keyword.OPT_OUT);
        }
        assertThat(Keyword.of("START")).contains(Keyword.OPT_IN);
        assertThat(Keyword.of("unstop!")).contains(Keyword.OPT_IN);
        assertThat(Keyword.of("help")).contains(Keyword.HELP);
    }

    @Test
    void aSentenceContainingAKeywordIsAMessage() {
        for (String text : new String[] {"please stop charging me", "STOP IT", "stopped", "help me please", "", "   ", "STARTED"}) {
            assertThat(Keyword.of(text)).as(text).isEqualTo(Optional.empty());
        }
        assertThat(Keyword.of(null)).isEmpty();
    }

    @Test
    void theWordIsKeptUpperCased() {
        assertThat(Keyword.word(" stopall! ")).isEqualTo("STOPALL");
    }
}
