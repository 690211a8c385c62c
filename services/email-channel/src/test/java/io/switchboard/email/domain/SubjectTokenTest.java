package io.switchboard.email.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectTokenTest {

    @Test
    void findsTheTokenAnywhereInTheSubject() {
        assertThat(SubjectToken.find("Re: Statement [#SB-1042]")).hasValue(1042);
        assertThat(SubjectToken.find("AW: [#SB-7] Frage")).hasValue(7);
        assertThat(SubjectToken.find("Order #SB-1042")).isEmpty();
        assertThat(SubjectToken.find(null)).isEmpty();
    }

    @Test
    void buildsOneReplyPrefixAndOneToken() {
        assertThat(SubjectToken.replySubject("I was charged twice", 1001)).isEqualTo("Re: I was charged twice [#SB-1001]");
        assertThat(SubjectToken.replySubject("RE: Fwd: re:  I was charged twice [#SB-1001]", 1001))
                .isEqualTo("Re: I was charged twice [#SB-1001]");
        assertThat(SubjectToken.replySubject("", 5)).isEqualTo("Re: [#SB-5]");
    }
}
