package io.switchboard.sms.domain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InboundTextTest {

    @Test
    void unpairedSurrogatesInDecodedTextAreRefused() {
        assertThatThrownBy(() -> InboundService.checkText("a\uD83Db")).isInstanceOf(InvalidSmsException.class);
        assertThatThrownBy(() -> InboundService.checkText("\uDE00")).isInstanceOf(InvalidSmsException.class);
        assertThatThrownBy(() -> InboundService.checkText("nul\u0000")).isInstanceOf(InvalidSmsException.class);
    }
}
