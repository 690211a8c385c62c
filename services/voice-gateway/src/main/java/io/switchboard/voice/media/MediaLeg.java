package io.switchboard.voice.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * One side of a call's media: our UDP port facing one peer (the caller or the agent's phone). A
 * thread reads what the peer sends and hands each RTP packet to the current sink; what we send goes
 * to the address the peer's SDP gave, or to where its packets come from once they arrive (so a peer
 * behind NAT is reached: "symmetric RTP").
 */
public final class MediaLeg implements AutoCloseable {

    /** What receives the peer's packets: the IVR's DTMF reader, or the other leg when bridged. */
    public interface Sink {
        void packet(byte[] packet, int length);
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
    private volatile boolean latched;

    MediaLeg(DatagramSocket socket, String name) {
        this.socket = socket;
        this.name = name;
        this.reader = new Thread(this::read, "rtp-" + name + "-" + socket.getLocalPort());
        this.reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public void remote(InetSocketAddress address) {
        this.remote = address;
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

    /** Packets received from the peer so far. */
    public long received() {
        return received.get();
    }

    /** Packets sent to the peer so far. */
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
                    continue;
                }
                if (!latched) {
                    latched = true;
                    remote = (InetSocketAddress) packet.getSocketAddress();
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

    @Override
    public void close() {
        socket.close();
    }
}
