package io.switchboard.voice.media;

/**
 * The mix of one 20 ms frame for one listener, in the linear domain: the G.711 samples of what they
 * may hear, decoded, summed and clipped to 16 bits (a sum beyond the range saturates instead of
 * wrapping round into a loud click); the sum is encoded again when sent.
 */
final class Mixer {

    /** Samples in 20 ms at 8 kHz. */
    static final int FRAME = 160;

    private Mixer() {
    }

    /** {@code out} = {@code first} + {@code second} (absent: silence), clipped to 16 bits. */
    static void mix(short[] out, short[] first, short[] second) {
        if (second == null) {
            System.arraycopy(first, 0, out, 0, FRAME);
            return;
        }
        for (int i = 0; i < FRAME; i++) {
            out[i] = clip(first[i] + second[i]);
        }
    }

    static short clip(int sum) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum));
    }
}
