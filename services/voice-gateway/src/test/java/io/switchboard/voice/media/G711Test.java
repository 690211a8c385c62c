package io.switchboard.voice.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** μ-law to A-law keeps silence silent and the sign and loudness of samples. */
class G711Test {

    @Test
    void silenceAndExtremesMapAsG711Says() {
        assertThat(G711.ulawToLinear((byte) 0xFF)).isZero();
        assertThat(G711.ulawToLinear((byte) 0x80)).isEqualTo(32124);
        assertThat(G711.ulawToLinear((byte) 0x00)).isEqualTo(-32124);
        byte[] alaw = G711.ulawToAlaw(new byte[] {(byte) 0xFF, (byte) 0x80, 0x00});
        assertThat(alaw[0] & 0xFF).as("A-law silence").isEqualTo(0xD5);
        assertThat(alaw[1] & 0xFF).as("loudest positive").isEqualTo(0xAA);
        assertThat(alaw[2] & 0xFF).as("loudest negative").isEqualTo(0x2A);
    }
}
