package io.switchboard.voice.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.switchboard.voice.domain.port.AudioLeg;

/**
 * One side of a call's media: our UDP port facing one peer (the caller or the agent's phone). A
 * thread reads what the peer sends and hands each RTP packet to the current sink; what we send goes
 * to the address the peer's SDP gave, or to where its packets come from once they arrive (so a peer
 * behind NAT is reached: "symmetric RTP"). Only one source is ever taken ({@link RtpLatch}): what
 * anyone else sends to the port is dropped and counted, never played, relayed or recorded.
 */
public final class MediaLeg implements AudioLeg {

    /** What receives the peer's packets: the IVR's DTMF reader, or the other leg when bridged. */
    public interface Sink {
        void packet(byte[] packet, int length);
    }

    /** Counts what the leg drops, by reason ({@code unexpected_source}, {@code learning}, {@code not_rtp}). */
    public interface Drops {
        void dropped(String reason);
    }

    private static final Logger LOG = Logger.getLogger(MediaLeg.class);
    private static final int MAX_PACKET = 1_500;

    private final DatagramSocket socket;
    private final String name;
    private volatile InetSocketAddress remote;
    private volatile Sink sink = (packet, length) -> { };
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final Thread reader;
    private final RtpLatch latch;
    private final Drops drops;

    MediaLeg(DatagramSocket socket, String name, int probation, Drops drops) {
        this.socket = socket;
        this.name = name;
        this.latch = new RtpLatch(probation);
        this.drops = drops;
        this.reader = new Thread(this::read, "rtp-" + name + "-" + socket.getLocalPort());
        this.reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    @Override
    public int localPort() {
        return socket.getLocalPort();
    }

    /** The audio address of the peer's SDP: where we send, and the source taken at once. */
    @Override
    public void remote(InetSocketAddress address) {
        synchronized (latch) {
            latch.expect(address);
            this.remote = latch.latched() != null ? latch.latched() : address;
        }
    }

    public void sink(Sink sink) {
        this.sink = sink;
    }

    public void send(byte[] packet, int length) {
        InetSocketAddress to = remote;
        if (to == null || socket.isClosed()) {
            return;
        }
        try {
            socket.send(new DatagramPacket(packet, length, to));
            sent.incrementAndGet();
        } catch (IOException e) {
            LOG.debugf("%s: send to %s failed: %s", name, to, e.getMessage());
        }
    }

    @Override
    public long received() {
        return received.get();
    }

    @Override
    public long sent() {
        return sent.get();
    }

    private void read() {
        byte[] buffer = new byte[MAX_PACKET];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                if (!Rtp.isRtp(buffer, packet.getLength())) {
                    drops.dropped("not_rtp");
                    continue;
                }
                if (!taken((InetSocketAddress) packet.getSocketAddress(), Rtp.sequence(buffer))) {
                    continue;
                }
                received.incrementAndGet();
                sink.packet(buffer, packet.getLength());
            } catch (SocketException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debugf("%s: %s", name, e.getMessage());
            }
        }
    }

    private boolean taken(InetSocketAddress source, int sequence) {
        synchronized (latch) {
            RtpLatch.Verdict verdict = latch.offer(source, sequence);
            switch (verdict) {
                case ACCEPT -> {
                    remote = latch.latched();
                    return true;
                }
                case DROP_LEARNING -> drops.dropped("learning");
                case DROP_UNEXPECTED_SOURCE -> drops.dropped("unexpected_source");
            }
            return false;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
