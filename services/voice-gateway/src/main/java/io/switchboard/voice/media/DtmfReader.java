package io.switchboard.voice.media;

import java.util.function.Consumer;

/**
 * Reads RFC 4733 telephone events from the caller's RTP: a key counts once, at the end of its event
 * (senders repeat the end packet, all with the event's timestamp).
 */
public final class DtmfReader implements MediaLeg.Sink {

    private final int payloadType;
    private final Consumer<Character> keys;
    private long lastEnded = -1;

    public DtmfReader(int payloadType, Consumer<Character> keys) {
        this.payloadType = payloadType;
        this.keys = keys;
    }

    @Override
    public void packet(byte[] packet, int length) {
        if (Rtp.payloadType(packet) != payloadType) {
            return;
        }
        int offset = Rtp.payloadOffset(packet, length);
        if (length < offset + 4) {
            return;
        }
        boolean end = (packet[offset + 1] & 0x80) != 0;
        long timestamp = Rtp.timestamp(packet);
        if (!end || timestamp == lastEnded) {
            return;
        }
        lastEnded = timestamp;
        char key = Rtp.dtmfKey(packet[offset] & 0xFF);
        if (key != 0) {
            keys.accept(key);
        }
    }
}
