package io.switchboard.sms.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SurveyAnswerTest {

    @Test
    void aScoreFirstAloneOrWithACommentIsAnAnswer() {
        assertThat(SurveyAnswer.parse("4")).contains(new SurveyAnswer(4, null));
        assertThat(SurveyAnswer.parse(" 5. ")).contains(new SurveyAnswer(5, null));
        assertThat(SurveyAnswer.parse("5 thanks!")).contains(new SurveyAnswer(5, "thanks!"));
        assertThat(SurveyAnswer.parse("2: slow to answer")).contains(new SurveyAnswer(2, "slow to answer"));
        assertThat(SurveyAnswer.parse("1 - never again")).contains(new SurveyAnswer(1, "never again"));
    }

    @Test
    void anythingElseIsAnOrdinaryText() {
        assertThat(SurveyAnswer.parse("6")).isEmpty();
        assertThat(SurveyAnswer.parse("0")).isEmpty();
        assertThat(SurveyAnswer.parse("45")).isEmpty();
        assertThat(SurveyAnswer.parse("4pm works for me")).isEmpty();
        assertThat(SurveyAnswer.parse("Where is my card?")).isEmpty();
        assertThat(SurveyAnswer.parse("")).isEmpty();
        assertThat(SurveyAnswer.parse(null)).isEmpty();
    }
}
