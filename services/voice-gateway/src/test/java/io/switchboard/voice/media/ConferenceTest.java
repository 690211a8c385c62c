package io.switchboard.voice.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.voice.domain.MonitorMode;

/**
 * A monitored call's mix on real loopback sockets, one frame at a time: each peer sends one frame of a
 * known sample, the mix ticks once, and each peer must receive exactly the G.711 code of the clipped
 * sum of what its mode lets it hear.
 */
class ConferenceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** The frames' μ-law codes: +7420, +10364 and -15996 (G.711). */
    private static final byte CALLER = (byte) 0xA2;
    private static final byte AGENT = (byte) 0x9B;
    private static final byte SUPERVISOR = (byte) 0x10;

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
    void eachLegHearsExactlyTheSumItsModeAllowsAndAModeSwitchTakesEffectAtTheNextFrame() throws Exception {
        receivers = new MediaReceivers(1);
        Peer caller = new Peer();
        Peer agent = new Peer();
        Peer supervisor = new Peer();
        Conference mix = new Conference(caller.leg, agent.leg, supervisor.leg, Rtp.PCMU, MonitorMode.LISTEN);
        mix.start(null);
        int c = G711.decode(Rtp.PCMU, CALLER);
        int a = G711.decode(Rtp.PCMU, AGENT);
        int s = G711.decode(Rtp.PCMU, SUPERVISOR);
        assertThat(List.of(c, a, s)).containsExactly(7420, 10364, -15996);

        frame(mix, caller, agent, supervisor);
        assertThat(caller.heard()).as("LISTEN: the caller hears the agent").isEqualTo(code(a));
        assertThat(agent.heard()).as("LISTEN: the agent hears the caller").isEqualTo(code(c));
        assertThat(supervisor.heard()).as("the supervisor hears both").isEqualTo(code(c + a));

        mix.mode(MonitorMode.WHISPER);
        frame(mix, caller, agent, supervisor);
        assertThat(caller.heard()).as("WHISPER: the caller hears the agent only").isEqualTo(code(a));
        assertThat(agent.heard()).as("WHISPER: the agent hears caller and supervisor").isEqualTo(code(c + s));
        assertThat(supervisor.heard()).isEqualTo(code(c + a));

        mix.mode(MonitorMode.BARGE);
        frame(mix, caller, agent, supervisor);
        assertThat(caller.heard()).as("BARGE: the caller hears agent and supervisor").isEqualTo(code(a + s));
        assertThat(agent.heard()).as("BARGE: the agent hears caller and supervisor").isEqualTo(code(c + s));
        assertThat(supervisor.heard()).isEqualTo(code(c + a));
    }

    @Test
    void loudLegsSaturateInsteadOfWrappingRoundAndASilentLegAddsNothing() throws Exception {
        receivers = new MediaReceivers(1);
        Peer caller = new Peer();
        Peer agent = new Peer();
        Peer supervisor = new Peer();
        Conference mix = new Conference(caller.leg, agent.leg, supervisor.leg, Rtp.PCMU, MonitorMode.BARGE);
        mix.start(null);

        long before = supervisor.leg.received();
        caller.send((byte) 0x80);
        agent.send((byte) 0x80);
        await().atMost(WAIT).until(() -> caller.leg.received() == 1 && agent.leg.received() == 1);
        mix.tick();

        assertThat(supervisor.heard()).as("32124 + 32124 saturates at the loudest code").isEqualTo((byte) 0x80);
        assertThat(caller.heard()).as("the agent alone, the supervisor said nothing").isEqualTo((byte) 0x80);
        assertThat(supervisor.leg.received()).isEqualTo(before);
    }

    @Test
    void aMixEndedLateByItsClockLeavesTheRelayThatReplacedIt() throws Exception {
        receivers = new MediaReceivers(1);
        Peer caller = new Peer();
        Peer agent = new Peer();
        Peer supervisor = new Peer();
        Conference mix = new Conference(caller.leg, agent.leg, supervisor.leg, Rtp.PCMU, MonitorMode.LISTEN);
        mix.start(null);

        // The supervisor left: the call flow relays again while the clock, a moment later, ends the mix.
        caller.leg.sink(agent.leg::send);
        agent.leg.sink(caller.leg::send);
        mix.stop();

        caller.send(CALLER);
        assertThat(agent.heard()).as("the caller's frame relayed as sent").isEqualTo(CALLER);
    }

    /** One frame from each peer, then one tick. */
    private static void frame(Conference mix, Peer caller, Peer agent, Peer supervisor) throws Exception {
        long[] before = {caller.leg.received(), agent.leg.received(), supervisor.leg.received()};
        caller.send(CALLER);
        agent.send(AGENT);
        supervisor.send(SUPERVISOR);
        await().atMost(WAIT).until(() -> caller.leg.received() > before[0] && agent.leg.received() > before[1]
                && supervisor.leg.received() > before[2]);
        mix.tick();
    }

    private static byte code(int sum) {
        return G711.encode(Rtp.PCMU, Mixer.clip(sum));
    }

    /** A peer's socket and our leg facing it. */
    private final class Peer {
        final DatagramSocket socket;
        final MediaLeg leg;
        private int sequence;

        Peer() throws Exception {
            socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            socket.setSoTimeout(5_000);
            open.add(socket);
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(LOOPBACK, 0));
            channel.configureBlocking(false);
            leg = new MediaLeg(channel, ((InetSocketAddress) channel.getLocalAddress()).getPort(), "peer", 4, reason -> { }, receivers);
            receivers.add(leg);
            open.add(leg);
            leg.remote(new InetSocketAddress(LOOPBACK, socket.getLocalPort()));
        }

        void send(byte code) throws Exception {
            byte[] packet = MixerTest.packet(Rtp.PCMU, code);
            Rtp.header(packet, Rtp.PCMU, false, ++sequence, sequence * 160L, 11);
            socket.send(new DatagramPacket(packet, packet.length, new InetSocketAddress(LOOPBACK, leg.localPort())));
        }

        /** The one code every sample of the next frame we sent carries. */
        byte heard() throws Exception {
            byte[] buffer = new byte[1_500];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            assertThat(packet.getLength()).isEqualTo(Rtp.HEADER + Mixer.FRAME);
            assertThat(Rtp.payloadType(buffer)).isEqualTo(Rtp.PCMU);
            byte first = buffer[Rtp.HEADER];
            for (int i = Rtp.HEADER; i < packet.getLength(); i++) {
                assertThat(buffer[i]).as("sample %d", i - Rtp.HEADER).isEqualTo(first);
            }
            return first;
        }
    }
}
