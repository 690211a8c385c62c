package io.switchboard.voice.media;

/**
 * G.711 μ-law and A-law (ITU-T G.711): expansion to 16-bit linear samples and compression back, each
 * done once into a table. Used for prompts played on a PCMA call (prompts are stored as μ-law) and for
 * the mix of a monitored call ({@link Mixer}).
 */
public final class G711 {

    private static final byte[] ULAW_TO_ALAW = new byte[256];
    private static final short[] ULAW_DECODED = new short[256];
    private static final short[] ALAW_DECODED = new short[256];
    /** Indexed by the 16-bit sample's bits ({@code sample & 0xFFFF}). */
    private static final byte[] ULAW_ENCODED = new byte[65_536];
    private static final byte[] ALAW_ENCODED = new byte[65_536];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_TO_ALAW[i] = linearToAlaw(ulawToLinear((byte) i));
            ULAW_DECODED[i] = (short) ulawToLinear((byte) i);
            ALAW_DECODED[i] = (short) alawToLinear((byte) i);
        }
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            ULAW_ENCODED[sample & 0xFFFF] = linearToUlaw(sample);
            ALAW_ENCODED[sample & 0xFFFF] = linearToAlaw(sample);
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

    /** The linear sample of one code of {@code payloadType} ({@link Rtp#PCMU} or {@link Rtp#PCMA}). */
    static short decode(int payloadType, byte code) {
        return payloadType == Rtp.PCMA ? ALAW_DECODED[code & 0xFF] : ULAW_DECODED[code & 0xFF];
    }

    /** The code of {@code payloadType} nearest to a 16-bit linear sample. */
    static byte encode(int payloadType, short sample) {
        return payloadType == Rtp.PCMA ? ALAW_ENCODED[sample & 0xFFFF] : ULAW_ENCODED[sample & 0xFFFF];
    }

    static int ulawToLinear(byte value) {
        int u = ~value & 0xFF;
        int t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    static int alawToLinear(byte value) {
        int a = (value ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        if (segment == 0) {
            t += 8;
        } else {
            t = (t + 0x108) << (segment - 1);
        }
        return (a & 0x80) != 0 ? t : -t;
    }

    static byte linearToUlaw(int pcm) {
        int sign = 0;
        if (pcm < 0) {
            sign = 0x80;
            pcm = -pcm;
        }
        pcm = Math.min(pcm, 32_635) + 0x84;
        int exponent = Math.max(0, 31 - Integer.numberOfLeadingZeros(pcm) - 7);
        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
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
