package io.switchboard.voice.media;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.voice.domain.MonitorMode;

/**
 * What a monitored call costs the gateway's CPU, against the same call relayed. Not part of the test
 * run; run it by name (nice it, it keeps a core busy for half a minute):
 *
 * <pre>nice -n 10 ./mvnw -B -o -pl services/voice-gateway test -Dtest=MixBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * {@code bench.calls} calls (default 50) on loopback sockets, each peer sending a 20 ms PCMU frame
 * every 20 ms, first as two-party calls (the relay), then as monitored calls (three legs, BARGE: the
 * mix with the most sums) for {@code bench.seconds} (default 10) each. The CPU time of the gateway's
 * media threads ({@code rtp-receiver-*}, {@code mix-clock}) is read from the JVM; the peers' threads
 * are not counted. The report goes to stdout and {@code target/mix-bench.txt}.
 */
class MixBench {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void cpuPerMonitoredCallAgainstARelayedCall() throws Exception {
        int calls = Integer.getInteger("bench.calls", 50);
        int seconds = Integer.getInteger("bench.seconds", 10);
        StringBuilder report = new StringBuilder();
        double relayed = run(calls, seconds, false, report);
        double mixed = run(calls, seconds, true, report);
        report.append(String.format("per call: relayed %.1f µs CPU/s (%.3f%% of a core), monitored %.1f µs CPU/s (%.3f%% of a core), "
                + "the mix adds %.1f µs/s%n", relayed, relayed / 10_000, mixed, mixed / 10_000, mixed - relayed));
        System.out.print(report);
        Files.writeString(Path.of("target/mix-bench.txt"), report);
        Path reportDir = Files.createDirectories(Path.of("target/mix-bench"));
        Files.writeString(reportDir.resolve("report.json"), String.format(java.util.Locale.ROOT,
                "{\"calls\": %d, \"seconds\": %d, \"relayed_us_cpu_per_call_second\": %.1f, \"monitored_us_cpu_per_call_second\": %.1f,"
                        + " \"mix_adds_us_per_call_second\": %.1f}%n", calls, seconds, relayed, mixed, mixed - relayed));
    }

    /** µs of media-thread CPU per call per second. */
    private static double run(int calls, int seconds, boolean monitored, StringBuilder report) throws Exception {
        MediaReceivers receivers = new MediaReceivers(2);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MixClock clock = new MixClock(registry);
        RtpMedia media = null;
        List<AutoCloseable> open = new ArrayList<>();
        List<DatagramSocket> peers = new ArrayList<>();
        List<MediaLeg> targets = new ArrayList<>();
        for (int call = 0; call < calls; call++) {
            int legs = monitored ? 3 : 2;
            MediaLeg[] leg = new MediaLeg[legs];
            for (int i = 0; i < legs; i++) {
                DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                peer.setReceiveBufferSize(1 << 16);
                DatagramChannel channel = DatagramChannel.open();
                channel.bind(new InetSocketAddress(LOOPBACK, 0));
                channel.configureBlocking(false);
                leg[i] = new MediaLeg(channel, ((InetSocketAddress) channel.getLocalAddress()).getPort(), "bench", 1, reason -> { }, receivers);
                receivers.add(leg[i]);
                leg[i].remote(new InetSocketAddress(LOOPBACK, peer.getLocalPort()));
                open.add(peer);
                open.add(leg[i]);
                peers.add(peer);
                targets.add(leg[i]);
            }
            if (monitored) {
                Conference mix = new Conference(leg[0], leg[1], leg[2], Rtp.PCMU, MonitorMode.BARGE);
                mix.start(null);
                clock.add(mix);
            } else {
                MediaLeg caller = leg[0];
                MediaLeg agent = leg[1];
                caller.sink(agent::send);
                agent.sink(caller::send);
            }
        }
        // Each peer's frames, sent from one thread; what the peers receive is left in their buffers (dropped when full).
        byte[] frame = MixerTest.packet(Rtp.PCMU, (byte) 0xA2);
        ScheduledExecutorService senders = Executors.newSingleThreadScheduledExecutor();
        int[] sequence = {0};
        senders.scheduleAtFixedRate(() -> {
            sequence[0]++;
            Rtp.header(frame, Rtp.PCMU, false, sequence[0] & 0xFFFF, sequence[0] * 160L, 5);
            for (int i = 0; i < peers.size(); i++) {
                try {
                    peers.get(i).send(new DatagramPacket(frame, frame.length, new InetSocketAddress(LOOPBACK, targets.get(i).localPort())));
                } catch (Exception e) {
                    // a full buffer: the frame is lost, as on a network
                }
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        Thread.sleep(2_000); // warm up (JIT)
        long cpuBefore = mediaThreadsCpu();
        long sentBefore = targets.stream().mapToLong(MediaLeg::sent).sum();
        long wallBefore = System.nanoTime();
        Thread.sleep(seconds * 1_000L);
        long cpu = mediaThreadsCpu() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        long sent = targets.stream().mapToLong(MediaLeg::sent).sum() - sentBefore;
        senders.shutdownNow();
        clock.shutdown();
        receivers.shutdown();
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        double perCallPerSecond = cpu / 1_000.0 / calls / (wall / 1e9);
        if (monitored) {
            var ticks = registry.get("voice.media.mix.tick").timer();
            report.append(String.format("mix clock: %d ticks, mean %.1f µs a tick for %d calls (%.2f µs a call a frame: 3 sums with clipping, 3 encodes, 3 sends)%n",
                    ticks.count(), ticks.mean(TimeUnit.MICROSECONDS), calls, ticks.mean(TimeUnit.MICROSECONDS) / calls));
        }
        report.append(String.format("%s: %d calls, %d s, media threads %.1f ms CPU, %d packets sent (%.0f/s per call): %.1f µs CPU per call per second%n",
                monitored ? "monitored (BARGE mix)" : "relayed", calls, seconds, cpu / 1e6, sent, sent / (wall / 1e9) / calls, perCallPerSecond));
        return perCallPerSecond;
    }

    private static long mediaThreadsCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (var info : threads.dumpAllThreads(false, false)) {
            String name = info.getThreadName();
            if (name.startsWith("rtp-receiver-") || name.equals("mix-clock")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }
}
