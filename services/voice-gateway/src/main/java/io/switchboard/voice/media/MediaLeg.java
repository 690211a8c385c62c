package io.switchboard.voice.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.switchboard.voice.domain.port.AudioLeg;

/**
 * One side of a call's media: our UDP port facing one peer (the caller or the agent's phone). The
 * {@link MediaReceivers} thread its port falls to reads what the peer sends and hands each RTP packet
 * to the current sink; what we send goes to the address the peer's SDP gave, or to where its packets
 * come from once they arrive (so a peer behind NAT is reached: "symmetric RTP"). Only one source is
 * ever taken ({@link RtpLatch}): what anyone else sends to the port is dropped and counted, never
 * played, relayed or recorded.
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

    static final int MAX_PACKET = 1_500;
    private static final Logger LOG = Logger.getLogger(MediaLeg.class);

    private final DatagramChannel channel;
    private final int port;
    private final String name;
    private final MediaReceivers receivers;
    private volatile InetSocketAddress remote;
    private static final Sink NOBODY = (packet, length) -> { };

    private volatile Sink sink = NOBODY;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final RtpLatch latch;
    private final Drops drops;

    /** @param channel bound and non-blocking */
    MediaLeg(DatagramChannel channel, int port, String name, int probation, Drops drops, MediaReceivers receivers) {
        this.channel = channel;
        this.port = port;
        this.name = name;
        this.latch = new RtpLatch(probation);
        this.drops = drops;
        this.receivers = receivers;
    }

    DatagramChannel channel() {
        return channel;
    }

    @Override
    public int localPort() {
        return port;
    }

    /** The audio address of the peer's SDP: where we send, and the source taken at once. */
    @Override
    public void remote(InetSocketAddress address) {
        synchronized (latch) {
            latch.expect(address);
            this.remote = latch.latched() != null ? latch.latched() : address;
        }
    }

    public synchronized void sink(Sink sink) {
        this.sink = sink;
    }

    /** Drops what the peer sends from now on, unless someone already gave the leg another sink than {@code current}. */
    synchronized void unsink(Sink current) {
        if (this.sink == current) {
            this.sink = NOBODY;
        }
    }

    /**
     * Sends one packet to the peer without blocking: from the frame clock (prompts) and from the other
     * leg's receiver thread (relay) alike. A full socket buffer drops it, as the network would.
     */
    public void send(byte[] packet, int length) {
        InetSocketAddress to = remote;
        if (to == null || !channel.isOpen()) {
            return;
        }
        try {
            if (channel.send(ByteBuffer.wrap(packet, 0, length), to) > 0) {
                sent.incrementAndGet();
            }
        } catch (ClosedChannelException closed) {
            // the call ended while this packet was on its way
        } catch (IOException e) {
            LOG.debugf("%s: send to %s failed: %s", name, to, e.getMessage());
        }
    }

    /** Until the leg is closed. */
    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public long received() {
        return received.get();
    }

    @Override
    public long sent() {
        return sent.get();
    }

    /** Reads up to {@code burst} waiting packets into {@code buffer} (which {@code wrapped} wraps); on the leg's receiver thread. */
    void readable(ByteBuffer wrapped, byte[] buffer, int burst) {
        for (int i = 0; i < burst; i++) {
            InetSocketAddress source;
            wrapped.clear();
            try {
                source = (InetSocketAddress) channel.receive(wrapped);
            } catch (IOException e) {
                // a closed channel, or an ICMP error reported on the socket: nothing more to read now
                LOG.debugf("%s: %s", name, e.getMessage());
                return;
            }
            if (source == null) {
                return;
            }
            int length = wrapped.position();
            if (!Rtp.isRtp(buffer, length)) {
                drops.dropped("not_rtp");
                continue;
            }
            if (!taken(source, Rtp.sequence(buffer))) {
                continue;
            }
            received.incrementAndGet();
            try {
                sink.packet(buffer, length);
            } catch (RuntimeException e) {
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
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debugf("%s: close: %s", name, e.getMessage());
        }
        receivers.closed(this);
    }
}
