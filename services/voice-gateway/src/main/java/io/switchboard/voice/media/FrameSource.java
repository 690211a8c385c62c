package io.switchboard.voice.media;

import java.util.Arrays;

/**
 * What one leg of a mixed call has sent and the mix has not taken yet, as linear samples: packets
 * arrive on the leg's receiver thread whenever the network delivers them, the mix takes one 20 ms
 * frame on each tick of its clock. At most {@value #CAPACITY} samples (60 ms) wait; beyond that the
 * oldest are dropped, so a burst never builds up a lasting delay. Only the call's codec is mixed
 * (telephone events and anything else are not audio to add).
 */
final class FrameSource {

    static final int CAPACITY = 3 * Mixer.FRAME;

    private final int payloadType;
    private final short[] samples = new short[CAPACITY];
    private int start;
    private int size;

    FrameSource(int payloadType) {
        this.payloadType = payloadType;
    }

    /** One RTP packet from the leg's peer. */
    void packet(byte[] packet, int length) {
        if (Rtp.payloadType(packet) != payloadType) {
            return;
        }
        int offset = Rtp.payloadOffset(packet, length);
        synchronized (this) {
            for (int i = offset; i < length; i++) {
                if (size == CAPACITY) {
                    start = (start + 1) % CAPACITY;
                    size--;
                }
                samples[(start + size) % CAPACITY] = G711.decode(payloadType, packet[i]);
                size++;
            }
        }
    }

    /** The next frame into {@code frame} (silence where nothing arrived); false when nothing at all did. */
    boolean take(short[] frame) {
        synchronized (this) {
            int n = Math.min(size, Mixer.FRAME);
            for (int i = 0; i < n; i++) {
                frame[i] = samples[(start + i) % CAPACITY];
            }
            Arrays.fill(frame, n, Mixer.FRAME, (short) 0);
            start = (start + n) % CAPACITY;
            size -= n;
            return n > 0;
        }
    }
}
