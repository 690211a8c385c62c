package io.switchboard.voice.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Legs read by the shared selector threads, on real loopback sockets: relaying both ways, reading
 * keys, strict RTP, and a closed leg's port free again.
 */
class MediaReceiversTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Map<String, AtomicInteger> drops = new ConcurrentHashMap<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private MediaReceivers receivers;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        receivers.shutdown();
    }

    @Test
    void bridgedLegsRelayEveryPacketBothWaysOnTwoThreads() throws Exception {
        receivers = new MediaReceivers(2);
        DatagramSocket caller = peer();
        DatagramSocket phone = peer();
        // Ports 2 apart fall to different threads.
        MediaLeg callerLeg = leg(0);
        MediaLeg agentLeg = leg(1);
        callerLeg.remote(address(caller));
        agentLeg.remote(address(phone));
        callerLeg.sink(agentLeg::send);
        agentLeg.sink(callerLeg::send);

        for (int i = 0; i < 50; i++) {
            caller.send(packet(1_000 + i, callerLeg));
            phone.send(packet(5_000 + i, agentLeg));
        }

        assertThat(sequences(phone, 50)).as("the caller's packets, in order").containsExactlyElementsOf(range(1_000, 50));
        assertThat(sequences(caller, 50)).as("the phone's packets, in order").containsExactlyElementsOf(range(5_000, 50));
        assertThat(callerLeg.received()).isEqualTo(50);
        assertThat(agentLeg.sent()).isEqualTo(50);
    }

    @Test
    void keysAreReadAndOtherSourcesAreDroppedOnceLatched() throws Exception {
        receivers = new MediaReceivers(1);
        DatagramSocket caller = peer();
        DatagramSocket attacker = peer();
        MediaLeg leg = leg(0);
        leg.remote(address(caller));
        List<Character> keys = new CopyOnWriteArrayList<>();
        leg.sink(new DtmfReader(101, keys::add));

        caller.send(dtmf(1, 7, leg));
        await().atMost(WAIT).until(() -> keys.equals(List.of('7')));
        attacker.send(dtmf(2, 9, leg));
        caller.send(dtmf(3, 11, leg));

        await().atMost(WAIT).until(() -> keys.equals(List.of('7', '#')));
        assertThat(drops.get("unexpected_source")).hasValue(1);
        assertThat(leg.received()).isEqualTo(2);
    }

    @Test
    void aClosedLegsPortCanBeBoundAgain() throws Exception {
        receivers = new MediaReceivers(1);
        MediaLeg leg = leg(0);
        int port = leg.localPort();
        leg.close();
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            try (DatagramChannel again = DatagramChannel.open()) {
                again.bind(new InetSocketAddress(LOOPBACK, port));
                return true;
            }
        });
    }

    private MediaLeg leg(int index) throws Exception {
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(LOOPBACK, 0));
        // Give the two legs of a test ports that differ by 2 * index from an even base, as MediaPorts does.
        int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        if (index > 0) {
            channel.close();
            channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(LOOPBACK, 0));
            while (Math.floorMod(((InetSocketAddress) channel.getLocalAddress()).getPort() / 2 - port / 2, 2) != index % 2) {
                channel.close();
                channel = DatagramChannel.open();
                channel.bind(new InetSocketAddress(LOOPBACK, 0));
            }
        }
        channel.configureBlocking(false);
        MediaLeg leg = new MediaLeg(channel, ((InetSocketAddress) channel.getLocalAddress()).getPort(), "test-" + index, 4,
                reason -> drops.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet(), receivers);
        receivers.add(leg);
        open.add(leg);
        return leg;
    }

    private DatagramSocket peer() throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        socket.setSoTimeout(5_000);
        open.add(socket);
        return socket;
    }

    private static InetSocketAddress address(DatagramSocket socket) {
        return new InetSocketAddress(LOOPBACK, socket.getLocalPort());
    }

    private static DatagramPacket packet(int sequence, MediaLeg to) {
        byte[] packet = new byte[Rtp.HEADER + 160];
        Rtp.header(packet, Rtp.PCMU, false, sequence, sequence * 160L, 7);
        return new DatagramPacket(packet, packet.length, new InetSocketAddress(LOOPBACK, to.localPort()));
    }

    private static DatagramPacket dtmf(int sequence, int event, MediaLeg to) {
        byte[] packet = new byte[Rtp.HEADER + 4];
        Rtp.header(packet, 101, false, sequence, sequence * 1_000L, 7);
        packet[12] = (byte) event;
        packet[13] = (byte) 0x8A;
        packet[15] = (byte) 160;
        return new DatagramPacket(packet, packet.length, new InetSocketAddress(LOOPBACK, to.localPort()));
    }

    private static List<Integer> sequences(DatagramSocket socket, int count) throws Exception {
        List<Integer> sequences = new ArrayList<>();
        byte[] buffer = new byte[1_500];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            while (sequences.size() < count) {
                socket.receive(packet);
                sequences.add(Rtp.sequence(buffer));
            }
        } catch (SocketTimeoutException stopped) {
            // fewer than expected: the assertion shows which
        }
        return sequences;
    }

    private static List<Integer> range(int from, int count) {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(from + i);
        }
        return values;
    }
}
