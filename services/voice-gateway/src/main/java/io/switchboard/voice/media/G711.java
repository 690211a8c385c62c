package io.switchboard.voice.media;

/**
 * μ-law to A-law for prompts played on a PCMA call (prompts are stored as μ-law). The standard
 * G.711 expansion and compression, done once into a table.
 */
public final class G711 {

    private static final byte[] ULAW_TO_ALAW = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_TO_ALAW[i] = linearToAlaw(ulawToLinear((byte) i));
        }
    }

    private G711() {
    }

    public static byte[] ulawToAlaw(byte[] ulaw) {
        byte[] alaw = new byte[ulaw.length];
        for (int i = 0; i < ulaw.length; i++) {
            alaw[i] = ULAW_TO_ALAW[ulaw[i] & 0xFF];
        }
        return alaw;
    }

    static int ulawToLinear(byte value) {
        int u = ~value & 0xFF;
        int t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    static byte linearToAlaw(int pcm) {
        int mask;
        if (pcm >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        int[] segmentEnds = {0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF, 0x3FFF, 0x7FFF};
        int segment = 0;
        while (segment < 8 && pcm > segmentEnds[segment]) {
            segment++;
        }
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int value = segment << 4;
        value |= segment < 2 ? (pcm >> 4) & 0x0F : (pcm >> (segment + 3)) & 0x0F;
        return (byte) (value ^ mask);
    }
}
