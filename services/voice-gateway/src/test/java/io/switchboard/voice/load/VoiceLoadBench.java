package io.switchboard.voice.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.service.messaging.OutgoingEvents;
import io.switchboard.testing.kafka.EmbeddedKafkaBroker;
import io.switchboard.testing.kafka.KafkaTestClient;

/**
 * The voice figures of docs/benchmarks.md. Not part of the test run; run it by name (needs Debian's
 * sip-tester and kamailio):
 *
 * <pre>./mvnw -B -pl services/voice-gateway -am package -DskipTests && ./mvnw -B -pl services/voice-gateway test -Dtest=VoiceLoadBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * In one run on this machine: the packaged gateway as its own process (a broker in this JVM), and
 * Kamailio as a stateful proxy (tm) in front of a sipp UAS, both driven by sipp's built-in UAC at
 * rising call rates for {@value #STEP_SECONDS} s each (INVITE, 200, ACK, 1 s, BYE). For each target:
 * the highest rate with no failed call, and the post-dial delay (INVITE to 200) p50/p99 at that rate
 * from sipp's per-call response times. Then calls held concurrently by the gateway: {@code bench.hold}
 * calls (default 1,000) that each stay {@value #HOLD_SECONDS} s with queue audio playing, while the
 * gateway's CPU time, its threads and the datagrams sent (the queue audio) are sampled every second.
 *
 * <p>Settings (system properties): {@code bench.app} a packaged gateway (a {@code quarkus-app} directory;
 * default this module's), so an earlier build runs against the same bench for a before and after;
 * {@code bench.label} names the run's report ({@code report-<label>.json}); {@code bench.rates};
 * {@code bench.kamailio=false} leaves the reference out; {@code bench.heap}; {@code bench.jfr=true}
 * records a JFR profile of the gateway ({@code <label>/gateway.jfr}).
 */
class VoiceLoadBench {

    private static final int GATEWAY_SIP = 25080;
    private static final int KAMAILIO_SIP = 25070;
    private static final int UAS_SIP = 25071;
    private static final String DID = "+442079460999";
    private static final int STEP_SECONDS = 10;
    private static final int[] RATES = Arrays.stream(System.getProperty("bench.rates", "50,100,200,400,800,1600,2400,3200").split(","))
            .mapToInt(rate -> Integer.parseInt(rate.trim())).toArray();
    private static final int HOLD_CALLS = Integer.getInteger("bench.hold", 1_000);
    private static final int HOLD_SECONDS = 30;
    private static final int PACKETS_PER_SECOND = 50;
    private static final String LABEL = System.getProperty("bench.label", "current");
    private static final Path APP = Path.of(System.getProperty("bench.app", "target/quarkus-app")).toAbsolutePath();
    private static final Path WORK = Path.of("target/voice-bench").toAbsolutePath();
    private static final Path RUN = WORK.resolve(LABEL);

    @Test
    void callsPerSecondPostDialDelayAndCallsHeldAgainstKamailio() throws Exception {
        Files.createDirectories(RUN);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        try (KafkaTestClient kafka = new KafkaTestClient(broker.bootstrapServers())) {
            var tenant = new TenantConfigured(UUID.randomUUID(), "bench", Instant.now(), "Bench", "UTC", "GB", null, "general",
                    List.of(new TenantConfigured.EntryPoint(Channel.VOICE, DID, "general")));
            kafka.send(Topics.CONFIG, tenant.subject(), EventCodec.encode(tenant, URI.create("/bench")),
                    Map.of("content-type", OutgoingEvents.CONTENT_TYPE));
        }
        GatewayProcess gateway = GatewayProcess.start(APP, RUN, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "SWITCHBOARD_VOICE_SIP_PORT", String.valueOf(GATEWAY_SIP),
                "SWITCHBOARD_VOICE_SIP_TRANSPORTS", "udp",
                // sipp plays one trusted trunk from one address: the capacity is measured, not the flood limit.
                "SWITCHBOARD_VOICE_RATE_LIMIT_INVITE_PER_SECOND", "100000",
                "SWITCHBOARD_VOICE_RATE_LIMIT_INVITE_BURST", "100000",
                // Room for the held calls: 7,500 even ports below Kamailio's and the gateway's SIP ports and
                // below the kernel's ephemeral range (32768-60999), which sipp and the Kafka clients use.
                "SWITCHBOARD_VOICE_MAX_CALLS", String.valueOf(Math.max(6_000, HOLD_CALLS + 1_000)),
                "SWITCHBOARD_VOICE_MEDIA_PORT_MIN", "10000",
                "SWITCHBOARD_VOICE_MEDIA_PORT_MAX", "24999"), System.getProperty("bench.heap", "1g"),
                Boolean.getBoolean("bench.jfr")).awaitReady(Duration.ofSeconds(90));
        boolean withKamailio = Boolean.parseBoolean(System.getProperty("bench.kamailio", "true"));
        Process kamailio = withKamailio ? startKamailio() : null;
        Process uas = withKamailio ? new ProcessBuilder("sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", String.valueOf(UAS_SIP), "-nostdin")
                .directory(RUN.toFile()).redirectErrorStream(true).redirectOutput(RUN.resolve("uas.out").toFile()).start() : null;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("label", LABEL);
        json.put("app", APP.toString());
        json.put("started", Instant.now().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("stepSeconds", STEP_SECONDS);
        try {
            Thread.sleep(3_000);
            StringBuilder report = new StringBuilder("run " + LABEL + " (" + APP + "), " + Instant.now() + "\n");
            // Warm-up, not counted: the JIT of both sides.
            run("warmup", GATEWAY_SIP, DID, 50, 20, 1_000, null);
            // Kamailio first, then calls held, then the gateway's ramp, whose last step overloads it.
            if (withKamailio) {
                report.append(ramp("kamailio (tm, stateful proxy) + sipp uas", "kamailio", KAMAILIO_SIP, "bench", json)).append('\n');
            }
            int rate = Math.max(1, HOLD_CALLS / HOLD_SECONDS);
            String loadBefore = load();
            Sampler sampler = new Sampler(gateway.pid());
            Result held = run("hold", GATEWAY_SIP, DID, rate, HOLD_CALLS, HOLD_SECONDS * 1_000, sampler);
            long expected = (long) held.successful * HOLD_SECONDS * PACKETS_PER_SECOND;
            // The prompt clock's own account (builds with the 20 ms clock): how long its ticks took, frames it skipped.
            Map<String, Double> clock = gateway.metrics("voice_media_");
            report.append(String.format("held: %d calls at %d/s, each %d s with queue audio: %d successful, %d failed, "
                    + "at most %d at once; PDD p50 %.1f ms, p99 %.1f ms%n", HOLD_CALLS, rate, HOLD_SECONDS, held.successful, held.failed,
                    held.maxConcurrent, held.p50, held.p99));
            report.append(String.format("  gateway: %.1f s of CPU over %d s, at most %d threads; UDP datagrams sent on the host %d"
                    + " (the calls' queue audio: %d expected, %.1f%%), peak %d/s (%d calls at once x %d = %d/s); load %s -> %s%n%n",
                    sampler.cpuSeconds(), sampler.seconds(), sampler.maxThreads, sampler.udpSent(), expected,
                    expected == 0 ? 0 : 100.0 * sampler.udpSent() / expected, sampler.peakUdpPerSecond, held.maxConcurrent,
                    PACKETS_PER_SECOND, held.maxConcurrent * PACKETS_PER_SECOND, loadBefore, load()));
            clock.forEach((metric, value) -> report.append(String.format("  %s %s%n", metric, value)));
            Map<String, Object> hold = held.json();
            hold.put("promptClockMetrics", clock);
            hold.put("calls", HOLD_CALLS);
            hold.put("rate", rate);
            hold.put("holdSeconds", HOLD_SECONDS);
            hold.put("gatewayCpuSeconds", round(sampler.cpuSeconds()));
            hold.put("sampledSeconds", sampler.seconds());
            hold.put("gatewayMaxThreads", sampler.maxThreads);
            hold.put("udpDatagramsSent", sampler.udpSent());
            hold.put("queueAudioPacketsExpected", expected);
            hold.put("peakUdpDatagramsPerSecond", sampler.peakUdpPerSecond);
            hold.put("loadBefore", loadBefore);
            hold.put("loadAfter", load());
            json.put("held", hold);
            report.append(ramp("switchboard voice-gateway", "gateway", GATEWAY_SIP, DID, json)).append('\n');
            System.out.println("\n=== voice benchmark ===\n" + report);
            Files.writeString(WORK.resolve("report-" + LABEL + ".txt"), report);
            Files.writeString(WORK.resolve("report.txt"), report);
            String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
            Files.writeString(WORK.resolve("report-" + LABEL + ".json"), text);
            Files.writeString(WORK.resolve("report.json"), text);
            assertThat(held.successful + held.failed).isPositive();
        } finally {
            if (kamailio != null) {
                kamailio.destroy();
                uas.destroy();
                uas.waitFor(5, TimeUnit.SECONDS);
            }
            gateway.stop();
        }
    }

    /** Rising rates until the first step with a failed call; the last clean step is the sustained rate. */
    private String ramp(String name, String key, int port, String service, Map<String, Object> json) throws Exception {
        StringBuilder lines = new StringBuilder(name + ":\n");
        List<Map<String, Object>> steps = new ArrayList<>();
        Result best = null;
        for (int rate : RATES) {
            String loadBefore = load();
            Result result = run(key + "-" + rate, port, service, rate, rate * STEP_SECONDS, 1_000, null);
            lines.append(String.format("  %5d calls/s: %6d successful, %4d failed, PDD p50 %6.1f ms, p99 %7.1f ms; load %s%n", rate,
                    result.successful, result.failed, result.p50, result.p99, loadBefore));
            Map<String, Object> step = result.json();
            step.put("rate", rate);
            step.put("load", loadBefore);
            steps.add(step);
            if (result.failed > 0 || result.successful < rate * STEP_SECONDS) {
                break;
            }
            best = result;
            best.rate = rate;
        }
        lines.append(best == null ? "  no clean step\n" : String.format("  sustained: %d calls/s with 0 failed calls%n", best.rate));
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("name", name);
        target.put("steps", steps);
        target.put("sustainedCallsPerSecond", best == null ? 0 : best.rate);
        json.put(key, target);
        return lines.toString();
    }

    private static final class Result {
        long successful;
        long failed;
        long maxConcurrent;
        double p50;
        double p99;
        int rate;

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("successful", successful);
            json.put("failed", failed);
            json.put("maxConcurrent", maxConcurrent);
            json.put("pddP50Ms", p50);
            json.put("pddP99Ms", p99);
            return json;
        }
    }

    private Result run(String label, int port, String service, int rate, int calls, int holdMillis, Sampler sampler) throws Exception {
        Path dir = Files.createDirectories(RUN.resolve(label));
        List<String> command = List.of("sipp", "127.0.0.1:" + port, "-sn", "uac", "-s", service, "-i", "127.0.0.1", "-p", "0",
                "-r", String.valueOf(rate), "-m", String.valueOf(calls), "-l", String.valueOf(Math.max(rate * (holdMillis / 1000 + 5), 100)),
                "-d", String.valueOf(holdMillis), "-nostdin", "-timeout", (calls / rate + holdMillis / 1000 + 60) + "s",
                "-trace_stat", "-fd", "1", "-trace_rtt", "-rtt_freq", "1");
        Process sipp = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sipp.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(calls / rate + holdMillis / 1000 + 120);
        if (sampler != null) {
            sampler.sample();
        }
        while (!sipp.waitFor(1, TimeUnit.SECONDS)) {
            if (sampler != null) {
                sampler.sample();
            }
            if (System.nanoTime() > deadline) {
                sipp.destroyForcibly();
                break;
            }
        }
        Result result = new Result();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith("_rtt.csv")) {
                    percentiles(file, result);
                } else if (name.endsWith("_.csv") || name.matches("uac_\\d+_\\.csv")) {
                    counters(file, result);
                }
            }
        }
        return result;
    }

    /**
     * The gateway's CPU time and threads ({@code /proc/<pid>}) and the host's UDP datagrams sent
     * ({@code /proc/net/snmp}, loopback included), read once a second while the held calls run. Nearly
     * every datagram then is the gateway's queue audio; sipp's and the gateway's SIP add about ten per call.
     */
    private static final class Sampler {
        private static final double TICKS = 100.0; // USER_HZ on Linux
        private final long pid;
        private long firstCpu = -1;
        private long lastCpu;
        private long firstUdp = -1;
        private long lastUdp;
        private int samples;
        long maxThreads;
        long peakUdpPerSecond;

        Sampler(long pid) {
            this.pid = pid;
        }

        void sample() throws IOException {
            String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst("^.*\\) ", "").split(" ");
            long cpu = Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime, stime (fields 14, 15)
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) {
                    maxThreads = Math.max(maxThreads, Long.parseLong(line.substring(8).trim()));
                }
            }
            long udp = udpOutDatagrams();
            if (firstCpu < 0) {
                firstCpu = cpu;
                firstUdp = udp;
            } else {
                peakUdpPerSecond = Math.max(peakUdpPerSecond, udp - lastUdp);
                samples++;
            }
            lastCpu = cpu;
            lastUdp = udp;
        }

        double cpuSeconds() {
            return (lastCpu - firstCpu) / TICKS;
        }

        long udpSent() {
            return lastUdp - firstUdp;
        }

        int seconds() {
            return samples;
        }

        private static long udpOutDatagrams() throws IOException {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                    List<String> names = Arrays.asList(lines.get(i).split("\\s+"));
                    return Long.parseLong(lines.get(i + 1).split("\\s+")[names.indexOf("OutDatagrams")]);
                }
            }
            throw new IOException("no Udp line in /proc/net/snmp");
        }
    }

    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** sipp's statistics file: the last line's cumulative successful and failed calls, and the most concurrent. */
    private static void counters(Path file, Result result) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        if (lines.size() < 2) {
            return;
        }
        List<String> header = Arrays.asList(lines.get(0).split(";"));
        int ok = header.indexOf("SuccessfulCall(C)");
        int failed = header.indexOf("FailedCall(C)");
        int current = header.indexOf("CurrentCall");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(";");
            if (current >= 0 && current < cells.length) {
                result.maxConcurrent = Math.max(result.maxConcurrent, Long.parseLong(cells[current].trim()));
            }
        }
        String[] last = lines.get(lines.size() - 1).split(";");
        result.successful = Long.parseLong(last[ok].trim());
        result.failed = Long.parseLong(last[failed].trim());
    }

    /** sipp's per-call response times (INVITE to 200), in ms. */
    private static void percentiles(Path file, Result result) throws IOException {
        List<Double> values = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            String[] cells = line.split(";");
            if (cells.length >= 2) {
                try {
                    values.add(Double.parseDouble(cells[1].trim()));
                } catch (NumberFormatException header) {
                    // the header line
                }
            }
        }
        if (values.isEmpty()) {
            return;
        }
        values.sort(Double::compare);
        result.p50 = values.get(values.size() / 2);
        result.p99 = values.get(Math.min(values.size() - 1, (int) Math.ceil(values.size() * 0.99) - 1));
    }

    private Process startKamailio() throws IOException {
        Path config = RUN.resolve("kamailio.cfg");
        Files.createDirectories(RUN.resolve("kamailio-run"));
        Files.writeString(config, """
                #!KAMAILIO
                debug=1
                log_stderror=yes
                children=2
                listen=udp:127.0.0.1:%d
                mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
                loadmodule "tm.so"
                loadmodule "sl.so"
                loadmodule "rr.so"
                loadmodule "pv.so"
                loadmodule "maxfwd.so"
                loadmodule "textops.so"
                request_route {
                    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
                    if (is_method("INVITE")) { record_route(); }
                    loose_route();
                    $du = "sip:127.0.0.1:%d";
                    if (!t_relay()) { sl_reply_error(); }
                }
                """.formatted(KAMAILIO_SIP, UAS_SIP));
        return new ProcessBuilder("kamailio", "-f", config.toString(), "-DD", "-E", "-P", RUN.resolve("kamailio.pid").toString(),
                "-Y", RUN.resolve("kamailio-run").toString())
                .directory(RUN.toFile()).redirectErrorStream(true).redirectOutput(RUN.resolve("kamailio.out").toFile()).start();
    }
}
