package io.switchboard.voice.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 4733: a key counts once, at its end, however often the end packet is repeated. */
class DtmfReaderTest {

    @Test
    void eachKeyIsReadOnceAtItsEnd() {
        List<Character> keys = new ArrayList<>();
        DtmfReader reader = new DtmfReader(101, keys::add);
        reader.packet(event(101, 1, false, 1000), 16);
        reader.packet(event(101, 1, true, 1000), 16);
        reader.packet(event(101, 1, true, 1000), 16);
        reader.packet(event(101, 1, true, 1000), 16);
        reader.packet(event(101, 11, true, 2000), 16);
        reader.packet(event(0, 5, true, 3000), 16);
        assertThat(keys).containsExactly('1', '#');
    }

    private static byte[] event(int payloadType, int event, boolean end, long timestamp) {
        byte[] packet = new byte[16];
        Rtp.header(packet, payloadType, false, 1, timestamp, 42);
        packet[12] = (byte) event;
        packet[13] = (byte) ((end ? 0x80 : 0) | 10);
        packet[15] = (byte) 160;
        return packet;
    }
}
