package io.switchboard.voice.media;

/**
 * Reading and writing the fixed RTP header (RFC 3550) and RFC 4733 telephone events. Media is
 * relayed without decoding; only prompts are built here and only DTMF is read.
 */
public final class Rtp {

    public static final int HEADER = 12;
    public static final int PCMU = 0;
    public static final int PCMA = 8;

    private Rtp() {
    }

    public static boolean isRtp(byte[] packet, int length) {
        return length >= HEADER && (packet[0] & 0xC0) == 0x80;
    }

    public static int payloadType(byte[] packet) {
        return packet[1] & 0x7F;
    }

    public static int sequence(byte[] packet) {
        return ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
    }

    public static long timestamp(byte[] packet) {
        return ((packet[4] & 0xFFL) << 24) | ((packet[5] & 0xFFL) << 16) | ((packet[6] & 0xFFL) << 8) | (packet[7] & 0xFFL);
    }

    /** Where the payload starts: after the CSRC list and any header extension. */
    public static int payloadOffset(byte[] packet, int length) {
        int offset = HEADER + 4 * (packet[0] & 0x0F);
        if ((packet[0] & 0x10) != 0 && length >= offset + 4) {
            int words = ((packet[offset + 2] & 0xFF) << 8) | (packet[offset + 3] & 0xFF);
            offset += 4 + 4 * words;
        }
        return offset;
    }

    /** Writes a header for one frame of {@code payloadType}. */
    public static void header(byte[] packet, int payloadType, boolean marker, int sequence, long timestamp, int ssrc) {
        packet[0] = (byte) 0x80;
        packet[1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        packet[4] = (byte) (timestamp >> 24);
        packet[5] = (byte) (timestamp >> 16);
        packet[6] = (byte) (timestamp >> 8);
        packet[7] = (byte) timestamp;
        packet[8] = (byte) (ssrc >> 24);
        packet[9] = (byte) (ssrc >> 16);
        packet[10] = (byte) (ssrc >> 8);
        packet[11] = (byte) ssrc;
    }

    /** The key of an RFC 4733 event code (0–9, *, #, A–D), or 0 for anything else. */
    public static char dtmfKey(int event) {
        if (event >= 0 && event <= 9) {
            return (char) ('0' + event);
        }
        return switch (event) {
            case 10 -> '*';
            case 11 -> '#';
            case 12, 13, 14, 15 -> (char) ('A' + event - 12);
            default -> 0;
        };
    }
}
