package io.switchboard.sms.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GsmAlphabetTest {

    @Test
    void defaultAndExtensionCharactersRoundTrip() {
        String text = "@£$¥ Hello Δ_Ω ÄÖÑÜ§¿äöñüà {}[]~|^\\€";
        assertThat(GsmAlphabet.decode(GsmAlphabet.encode(text))).isEqualTo(text);
    }

    @Test
    void septetsAreTheTablePositions() {
        assertThat(GsmAlphabet.encode("@A€")).containsExactly(0x00, 0x41, 0x1B, 0x65);
        assertThat(GsmAlphabet.encode("é_")).containsExactly(0x05, 0x11);
        assertThat(GsmAlphabet.decode(new byte[] {0x1B, 0x28, 0x1B, 0x29})).isEqualTo("{}");
    }

    @Test
    void anUnknownEscapeReadsAsSpaceAndNonGsmTextIsRefused() {
        assertThat(GsmAlphabet.decode(new byte[] {0x41, 0x1B, 0x41})).isEqualTo("A ");
        assertThatThrownBy(() -> GsmAlphabet.encode("ж")).isInstanceOf(IllegalArgumentException.class);
    }
}
