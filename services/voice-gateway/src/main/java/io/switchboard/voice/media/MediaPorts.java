package io.switchboard.voice.media;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.voice.config.VoiceConfig;

/**
 * Opens media legs on even ports of the configured range (RTP on even ports, as RFC 3550 recommends),
 * each counting the packets it drops in {@code voice_rtp_packets_dropped_total{reason}}, and hands
 * them to the {@link MediaReceivers} that read them.
 */
@ApplicationScoped
public class MediaPorts {

    private final InetAddress host;
    private final int min;
    private final int max;
    private final int probation;
    private final MediaLeg.Drops drops;
    private final MediaReceivers receivers;
    private int next;

    public MediaPorts(VoiceConfig config, MeterRegistry registry, MediaReceivers receivers) throws UnknownHostException {
        this.receivers = receivers;
        this.host = InetAddress.getByName(config.media().host());
        this.min = config.media().portMin() + (config.media().portMin() % 2);
        this.max = config.media().portMax();
        this.next = min;
        this.probation = config.media().probation();
        Map<String, Counter> counters = new ConcurrentHashMap<>();
        this.drops = reason -> counters.computeIfAbsent(reason, r -> Counter.builder("voice.rtp.packets.dropped")
                .description("RTP packets a media leg dropped: from a source other than the peer's, while learning the peer, or not RTP")
                .tag("reason", r).register(registry)).increment();
    }

    public String host() {
        return host.getHostAddress();
    }

    /** A leg being read, on the next free even port; fails when the whole range is in use (or no socket can be opened). */
    public synchronized MediaLeg open(String name) throws IOException {
        int span = (max - min) / 2 + 1;
        for (int tried = 0; tried < span; tried++) {
            int port = next;
            next = next + 2 > max ? min : next + 2;
            DatagramChannel channel = DatagramChannel.open();
            try {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
                channel.bind(new InetSocketAddress(host, port));
                channel.configureBlocking(false);
            } catch (BindException taken) {
                channel.close();
                continue;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            MediaLeg leg = new MediaLeg(channel, port, name, probation, drops, receivers);
            receivers.add(leg);
            return leg;
        }
        throw new IOException("no free media port in " + min + "-" + max);
    }
}
