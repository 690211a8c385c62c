package io.switchboard.voice.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.switchboard.voice.config.VoiceConfig;

/**
 * Receives every media leg's RTP on a few selector threads ({@code media.threads}, default one per
 * core) instead of a thread per leg: a leg's port decides its thread, so a leg's packets are always read
 * by the same thread, in order, and its sink (DTMF reader, relay, recording) is never entered twice at
 * once. The sinks run on these threads, so they must not block; sending RTP on a non-blocking
 * channel does not.
 */
@ApplicationScoped
public class MediaReceivers {

    private static final Logger LOG = Logger.getLogger(MediaReceivers.class);
    /** Packets read from one ready leg before the next ready leg gets its turn. */
    private static final int BURST = 16;

    private final List<Receiver> receivers = new ArrayList<>();

    @Inject
    public MediaReceivers(VoiceConfig config) throws IOException {
        this(config.media().threads().orElse(Runtime.getRuntime().availableProcessors()));
    }

    MediaReceivers(int count) throws IOException {
        for (int i = 0; i < Math.max(1, count); i++) {
            Receiver receiver = new Receiver(Selector.open(), "rtp-receiver-" + i);
            receivers.add(receiver);
            receiver.thread.start();
        }
    }

    /** Starts reading the leg's channel (non-blocking) on the thread its port falls to. */
    void add(MediaLeg leg) {
        receivers.get(Math.floorMod(leg.localPort() / 2, receivers.size())).add(leg);
    }

    /** Lets the leg's thread release its closed channel now rather than at its next packet. */
    void closed(MediaLeg leg) {
        receivers.get(Math.floorMod(leg.localPort() / 2, receivers.size())).selector.wakeup();
    }

    int threads() {
        return receivers.size();
    }

    @PreDestroy
    void shutdown() {
        for (Receiver receiver : receivers) {
            receiver.thread.interrupt();
            try {
                receiver.selector.close();
            } catch (IOException e) {
                LOG.debugf("%s: %s", receiver.thread.getName(), e.getMessage());
            }
        }
    }

    private static final class Receiver {
        final Selector selector;
        final Thread thread;
        final Queue<MediaLeg> added = new ConcurrentLinkedQueue<>();
        final byte[] buffer = new byte[MediaLeg.MAX_PACKET];
        final ByteBuffer wrapped = ByteBuffer.wrap(buffer);

        Receiver(Selector selector, String name) {
            this.selector = selector;
            this.thread = new Thread(this::run, name);
            this.thread.setDaemon(true);
        }

        void add(MediaLeg leg) {
            added.add(leg);
            // Registering from another thread would wait for select() to return; the loop registers it.
            selector.wakeup();
        }

        private void run() {
            while (selector.isOpen() && !Thread.currentThread().isInterrupted()) {
                try {
                    selector.select();
                    register();
                    var ready = selector.selectedKeys().iterator();
                    while (ready.hasNext()) {
                        SelectionKey key = ready.next();
                        ready.remove();
                        if (key.isValid()) {
                            ((MediaLeg) key.attachment()).readable(wrapped, buffer, BURST);
                        }
                    }
                } catch (ClosedSelectorException stopped) {
                    return;
                } catch (IOException | RuntimeException e) {
                    LOG.debugf("%s: %s", thread.getName(), e.getMessage());
                }
            }
        }

        private void register() {
            for (MediaLeg leg; (leg = added.poll()) != null; ) {
                DatagramChannel channel = leg.channel();
                try {
                    channel.register(selector, SelectionKey.OP_READ, leg);
                } catch (ClosedChannelException closedMeanwhile) {
                    // the call ended before its first packet could be read
                }
            }
        }
    }
}
