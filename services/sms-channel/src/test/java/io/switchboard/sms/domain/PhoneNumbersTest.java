package io.switchboard.sms.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void validNumbersGoThroughTheContract() throws Exception {
        assertThat(PhoneNumbers.e164("+44 7911 123456", null)).isEqualTo("+447911123456");
        assertThat(PhoneNumbers.e164("07911 123456", "GB")).isEqualTo("+447911123456");
        assertThat(PhoneNumbers.e164("0034 600 000 100", null)).isEqualTo("+34600000100");
    }

    @Test
    void fictionalButPossibleNumbersAreKeptInE164() throws Exception {
        assertThat(PhoneNumbers.e164("+447700900100", null)).isEqualTo("+447700900100");
        assertThat(PhoneNumbers.e164("07700 900100", "GB")).isEqualTo("+447700900100");
        assertThat(PhoneNumbers.e164("(07700) 900-123", "GB")).isEqualTo("+447700900123");
    }

    @Test
    void whatCannotBeANumberIsRefused() {
        for (String raw : new String[] {"not-a-number", "+12", "+4477009001000000000", "ACME", "", "+44 7700 900100 ext 3"}) {
            assertThatThrownBy(() -> PhoneNumbers.e164(raw, "GB")).as(raw).isInstanceOf(InvalidSmsException.class);
        }
    }
}
