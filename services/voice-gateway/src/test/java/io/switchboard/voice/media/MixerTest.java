package io.switchboard.voice.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** G.711 both ways and the linear sum with clipping, on known samples. */
class MixerTest {

    @Test
    void everyCodeDecodesToTheG711ValueAndEncodesBackToItself() {
        // ITU-T G.711 tables: μ-law 0x80 is +32124, 0x00 -32124, 0xFF and 0x7F zero; A-law 0xAA is +32256, 0xD5 +8, 0x55 -8.
        assertThat(G711.decode(Rtp.PCMU, (byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.decode(Rtp.PCMU, (byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.decode(Rtp.PCMU, (byte) 0xEF)).isEqualTo((short) 132);
        assertThat(G711.decode(Rtp.PCMA, (byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.decode(Rtp.PCMA, (byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.decode(Rtp.PCMA, (byte) 0x55)).isEqualTo((short) -8);
        for (int code = 0; code < 256; code++) {
            if (code == 0x7F) {
                continue; // μ-law's negative zero is encoded as positive zero (0xFF)
            }
            assertThat(G711.encode(Rtp.PCMU, G711.decode(Rtp.PCMU, (byte) code)) & 0xFF).as("μ-law %02x", code).isEqualTo(code);
            assertThat(G711.encode(Rtp.PCMA, G711.decode(Rtp.PCMA, (byte) code)) & 0xFF).as("A-law %02x", code).isEqualTo(code);
        }
    }

    @Test
    void encodingFindsTheSamplesStepAndSaturatesBeyondTheLoudest() {
        assertThat(G711.encode(Rtp.PCMU, (short) 0) & 0xFF).isEqualTo(0xFF);
        assertThat(G711.encode(Rtp.PCMU, Short.MAX_VALUE) & 0xFF).isEqualTo(0x80);
        assertThat(G711.encode(Rtp.PCMU, Short.MIN_VALUE) & 0xFF).isEqualTo(0x00);
        assertThat(G711.encode(Rtp.PCMA, Short.MAX_VALUE) & 0xFF).isEqualTo(0xAA);
        assertThat(G711.encode(Rtp.PCMA, Short.MIN_VALUE) & 0xFF).isEqualTo(0x2A);
        // 1000 lies in μ-law's step of 64 from 956 to 1019, which decodes to its middle, 988.
        assertThat(G711.decode(Rtp.PCMU, G711.encode(Rtp.PCMU, (short) 1000))).isEqualTo((short) 988);
        assertThat(G711.decode(Rtp.PCMU, G711.encode(Rtp.PCMU, (short) -1000))).isEqualTo((short) -988);
    }

    @Test
    void aMixIsTheSumClippedTo16Bits() {
        short[] out = new short[Mixer.FRAME];
        short[] first = frame(1_000, 30_000, -30_000, -5);
        short[] second = frame(2_000, 10_000, -10_000, 5);

        Mixer.mix(out, first, second);
        assertThat(out[0]).isEqualTo((short) 3_000);
        assertThat(out[1]).as("clipped, not wrapped round").isEqualTo(Short.MAX_VALUE);
        assertThat(out[2]).isEqualTo(Short.MIN_VALUE);
        assertThat(out[3]).isEqualTo((short) 0);

        Mixer.mix(out, first, null);
        assertThat(out).as("alone: as it was").isEqualTo(first);
    }

    @Test
    void aFrameSourceHandsOutWhatArrivedFrameByFrameAndDropsTheOldestBeyond60Ms() {
        FrameSource source = new FrameSource(Rtp.PCMU);
        short[] frame = new short[Mixer.FRAME];
        assertThat(source.take(frame)).as("nothing arrived").isFalse();
        assertThat(frame).containsOnly((short) 0);

        for (int code : new int[] {0x80, 0x90, 0xA0, 0xB0}) {
            source.packet(packet(Rtp.PCMU, (byte) code), Rtp.HEADER + Mixer.FRAME);
        }
        source.packet(packet(101, (byte) 0x00), Rtp.HEADER + Mixer.FRAME);

        for (int code : new int[] {0x90, 0xA0, 0xB0}) {
            assertThat(source.take(frame)).isTrue();
            assertThat(frame).as("frame of %02x (the first was dropped; the telephone event never counted)", code)
                    .containsOnly(G711.decode(Rtp.PCMU, (byte) code));
        }
        assertThat(source.take(frame)).isFalse();
    }

    private static short[] frame(int... firstSamples) {
        short[] frame = new short[Mixer.FRAME];
        for (int i = 0; i < firstSamples.length; i++) {
            frame[i] = (short) firstSamples[i];
        }
        return frame;
    }

    static byte[] packet(int payloadType, byte code) {
        byte[] packet = new byte[Rtp.HEADER + Mixer.FRAME];
        Rtp.header(packet, payloadType, false, 1, 160, 9);
        Arrays.fill(packet, Rtp.HEADER, packet.length, code);
        return packet;
    }
}
