package io.switchboard.voice.media;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One leg's audio as a WAV file, written as it is relayed: the G.711 payloads as they are (format 7
 * μ-law or 6 A-law, 8 kHz mono, as the peer sends it), so recording never decodes; telephone events
 * and other payload types are left out. The sizes in the header are filled in
 * when the recording closes.
 */
public final class WavRecorder implements AutoCloseable {

    private static final int HEADER = 58;

    private final RandomAccessFile file;
    /** The G.711 type of the leg: the negotiated one, or what the peer actually sends (the first audio packet decides). */
    private int payloadType;
    private boolean latched;
    private long samples;
    private boolean closed;

    public WavRecorder(Path path, int payloadType) throws IOException {
        Files.createDirectories(path.getParent());
        this.file = new RandomAccessFile(path.toFile(), "rw");
        this.payloadType = payloadType;
        file.setLength(0);
        file.write(header(0));
    }

    /** Appends the audio of one RTP packet of the leg's codec (telephone events and others are skipped). */
    public synchronized void append(byte[] packet, int length) {
        int type = Rtp.payloadType(packet);
        if (closed || type != Rtp.PCMU && type != Rtp.PCMA) {
            return;
        }
        if (!latched) {
            latched = true;
            payloadType = type;
        }
        if (type != payloadType) {
            return;
        }
        int offset = Rtp.payloadOffset(packet, length);
        if (offset >= length) {
            return;
        }
        try {
            file.write(packet, offset, length - offset);
            samples += length - offset;
        } catch (IOException e) {
            closed = true;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed && !file.getChannel().isOpen()) {
            return;
        }
        closed = true;
        file.seek(0);
        file.write(header(samples));
        file.close();
    }

    private byte[] header(long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(US_ASCII)).putInt((int) (HEADER - 8 + dataBytes));
        b.put("WAVE".getBytes(US_ASCII));
        b.put("fmt ".getBytes(US_ASCII)).putInt(18)
                .putShort((short) (payloadType == Rtp.PCMA ? 6 : 7)) // WAVE_FORMAT_ALAW / WAVE_FORMAT_MULAW
                .putShort((short) 1).putInt(8000).putInt(8000).putShort((short) 1).putShort((short) 8).putShort((short) 0);
        b.put("fact".getBytes(US_ASCII)).putInt(4).putInt((int) dataBytes);
        b.put("data".getBytes(US_ASCII)).putInt((int) dataBytes);
        return b.array();
    }
}
