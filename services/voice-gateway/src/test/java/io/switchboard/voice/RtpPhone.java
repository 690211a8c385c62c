package io.switchboard.voice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The media side of a test's phone or caller (sipp does the signalling, naming this socket's port in
 * its SDP): it sends a steady tone as 20 ms PCMU frames to wherever the gateway's audio comes from
 * (symmetric RTP, from the port its SDP named, so the gateway takes it at once), and decodes what it
 * hears, so a test can measure which tones reached it. μ-law here is written out independently of the
 * gateway's own G.711.
 */
final class RtpPhone implements AutoCloseable {

    private static final int RATE = 8_000;
    private static final int FRAME = 160;
    private static final int AMPLITUDE = 8_000;

    private final DatagramSocket socket;
    private final double frequency;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
    private final Thread receiver;
    private final AtomicLong received = new AtomicLong();
    private volatile SocketAddress gateway;
    private long phase;
    private int sequence;
    private final int ssrc = (int) System.nanoTime();
    // Guarded by this.
    private short[] captured;
    private int capturedLength;

    RtpPhone(double frequency) throws SocketException {
        this.frequency = frequency;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.receiver = new Thread(this::receive, "rtp-phone-" + socket.getLocalPort());
        receiver.setDaemon(true);
        receiver.start();
        sender.scheduleAtFixedRate(this::sendFrame, 20, 20, TimeUnit.MILLISECONDS);
    }

    int port() {
        return socket.getLocalPort();
    }

    long received() {
        return received.get();
    }

    /** Starts keeping what is heard (from now on). */
    synchronized void listen() {
        captured = new short[RATE * 10];
        capturedLength = 0;
    }

    /** What was heard since {@link #listen}. */
    synchronized short[] heard() {
        short[] heard = Arrays.copyOf(captured, capturedLength);
        captured = null;
        return heard;
    }

    /**
     * The amplitude of the {@code frequency} Hz component of {@code samples} (Goertzel's algorithm,
     * scaled so that a sine of amplitude A measures A).
     */
    static double amplitude(short[] samples, double frequency) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / RATE);
        double previous = 0;
        double beforePrevious = 0;
        for (short sample : samples) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return 2 * Math.sqrt(Math.max(0, power)) / samples.length;
    }

    static int amplitudeOfTone() {
        return AMPLITUDE;
    }

    private void sendFrame() {
        SocketAddress to = gateway;
        if (to == null) {
            return;
        }
        byte[] packet = new byte[12 + FRAME];
        packet[0] = (byte) 0x80;
        packet[1] = 0;
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        long timestamp = phase;
        for (int i = 0; i < 4; i++) {
            packet[4 + i] = (byte) (timestamp >> (24 - 8 * i));
            packet[8 + i] = (byte) (ssrc >> (24 - 8 * i));
        }
        for (int i = 0; i < FRAME; i++) {
            double sample = AMPLITUDE * Math.sin(2 * Math.PI * frequency * (phase + i) / RATE);
            packet[12 + i] = encode((int) Math.round(sample));
        }
        sequence++;
        phase += FRAME;
        try {
            socket.send(new DatagramPacket(packet, packet.length, to));
        } catch (IOException e) {
            // closed while sending
        }
    }

    private void receive() {
        byte[] buffer = new byte[1_500];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            if (packet.getLength() < 12 || (buffer[1] & 0x7F) != 0) {
                continue;
            }
            gateway = packet.getSocketAddress();
            received.incrementAndGet();
            synchronized (this) {
                if (captured != null) {
                    for (int i = 12; i < packet.getLength() && capturedLength < captured.length; i++) {
                        captured[capturedLength++] = decode(buffer[i]);
                    }
                }
            }
        }
    }

    /** μ-law (G.711) of a 16-bit sample. */
    private static byte encode(int sample) {
        int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs(sample), 32_635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** The 16-bit sample of a μ-law code. */
    private static short decode(byte code) {
        int u = ~code & 0xFF;
        int magnitude = ((((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4)) - 0x84;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    @Override
    public void close() {
        sender.shutdownNow();
        socket.close();
    }
}
