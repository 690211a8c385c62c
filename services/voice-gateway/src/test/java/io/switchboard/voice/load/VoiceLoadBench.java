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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.service.messaging.OutgoingEvents;
import io.switchboard.testing.kafka.EmbeddedKafkaBroker;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.process.ServiceProcess;

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
 * calls (default 1,000) that each stay {@value #HOLD_SECONDS} s with queue audio playing.
 */
class VoiceLoadBench {

    private static final int GATEWAY_SIP = 25080;
    private static final int KAMAILIO_SIP = 25070;
    private static final int UAS_SIP = 25071;
    private static final String DID = "+442079460999";
    private static final int STEP_SECONDS = 10;
    private static final int[] RATES = {50, 100, 200, 400, 800, 1600};
    private static final int HOLD_CALLS = Integer.getInteger("bench.hold", 1_000);
    private static final int HOLD_SECONDS = 30;
    private static final Path WORK = Path.of("target/voice-bench").toAbsolutePath();

    @Test
    void callsPerSecondPostDialDelayAndCallsHeldAgainstKamailio() throws Exception {
        Files.createDirectories(WORK);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        try (KafkaTestClient kafka = new KafkaTestClient(broker.bootstrapServers())) {
            var tenant = new TenantConfigured(UUID.randomUUID(), "bench", Instant.now(), "Bench", "UTC", "GB", null, "general",
                    List.of(new TenantConfigured.EntryPoint(Channel.VOICE, DID, "general")));
            kafka.send(Topics.CONFIG, tenant.subject(), EventCodec.encode(tenant, URI.create("/bench")),
                    Map.of("content-type", OutgoingEvents.CONTENT_TYPE));
        }
        ServiceProcess gateway = ServiceProcess.start("voice-bench", Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "SWITCHBOARD_VOICE_SIP_PORT", String.valueOf(GATEWAY_SIP),
                "SWITCHBOARD_VOICE_SIP_TRANSPORTS", "udp",
                // sipp plays one trusted trunk from one address: the capacity is measured, not the flood limit.
                "SWITCHBOARD_VOICE_RATE_LIMIT_INVITE_PER_SECOND", "100000",
                "SWITCHBOARD_VOICE_RATE_LIMIT_INVITE_BURST", "100000",
                "SWITCHBOARD_VOICE_MEDIA_PORT_MIN", "30000",
                "SWITCHBOARD_VOICE_MEDIA_PORT_MAX", "39999"), "1g").awaitReady(Duration.ofSeconds(90));
        Process kamailio = startKamailio();
        Process uas = new ProcessBuilder("sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", String.valueOf(UAS_SIP), "-nostdin", "-bg")
                .directory(WORK.toFile()).redirectErrorStream(true).redirectOutput(WORK.resolve("uas.out").toFile()).start();
        try {
            Thread.sleep(3_000);
            StringBuilder report = new StringBuilder();
            // Warm-up, not counted: the JIT of both sides.
            run("warmup", GATEWAY_SIP, DID, 50, 20, 1_000);
            // Kamailio first, then calls held, then the gateway's ramp, whose last step overloads it.
            report.append(ramp("kamailio (tm, stateful proxy) + sipp uas", KAMAILIO_SIP, "bench")).append('\n');
            int rate = Math.max(1, HOLD_CALLS / HOLD_SECONDS);
            Result held = run("hold", GATEWAY_SIP, DID, rate, HOLD_CALLS, HOLD_SECONDS * 1_000);
            report.append(ramp("switchboard voice-gateway", GATEWAY_SIP, DID)).append('\n');
            report.append(String.format("held: %d calls at %d/s, each %d s with queue audio: %d successful, %d failed, "
                    + "at most %d at once; PDD p50 %.1f ms, p99 %.1f ms%n", HOLD_CALLS, rate, HOLD_SECONDS, held.successful, held.failed,
                    held.maxConcurrent, held.p50, held.p99));
            System.out.println("\n=== voice benchmark ===\n" + report);
            Files.writeString(WORK.resolve("report.txt"), report);
            assertThat(held.successful + held.failed).isPositive();
        } finally {
            kamailio.destroy();
            Runtime.getRuntime().exec(new String[] {"pkill", "-f", "sipp -sn uas -i 127.0.0.1 -p " + UAS_SIP}).waitFor();
            uas.destroy();
            gateway.stop();
        }
    }

    /** Rising rates until the first step with a failed call; the last clean step is the sustained rate. */
    private String ramp(String name, int port, String service) throws Exception {
        StringBuilder lines = new StringBuilder(name + ":\n");
        Result best = null;
        for (int rate : RATES) {
            Result result = run(name.split(" ")[0] + "-" + rate, port, service, rate, rate * STEP_SECONDS, 1_000);
            lines.append(String.format("  %5d calls/s: %6d successful, %4d failed, PDD p50 %6.1f ms, p99 %7.1f ms%n", rate,
                    result.successful, result.failed, result.p50, result.p99));
            if (result.failed > 0 || result.successful < rate * STEP_SECONDS) {
                break;
            }
            best = result;
            best.rate = rate;
        }
        lines.append(best == null ? "  no clean step\n" : String.format("  sustained: %d calls/s with 0 failed calls%n", best.rate));
        return lines.toString();
    }

    private static final class Result {
        long successful;
        long failed;
        long maxConcurrent;
        double p50;
        double p99;
        int rate;
    }

    private Result run(String label, int port, String service, int rate, int calls, int holdMillis) throws Exception {
        Path dir = Files.createDirectories(WORK.resolve(label));
        List<String> command = List.of("sipp", "127.0.0.1:" + port, "-sn", "uac", "-s", service, "-i", "127.0.0.1", "-p", "0",
                "-r", String.valueOf(rate), "-m", String.valueOf(calls), "-l", String.valueOf(Math.max(rate * (holdMillis / 1000 + 5), 100)),
                "-d", String.valueOf(holdMillis), "-nostdin", "-timeout", (calls / rate + holdMillis / 1000 + 60) + "s",
                "-trace_stat", "-fd", "1", "-trace_rtt", "-rtt_freq", "1");
        Process sipp = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sipp.out").toFile()).start();
        if (!sipp.waitFor(calls / rate + holdMillis / 1000 + 120, TimeUnit.SECONDS)) {
            sipp.destroyForcibly();
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
        Path config = WORK.resolve("kamailio.cfg");
        Files.createDirectories(WORK.resolve("kamailio-run"));
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
        return new ProcessBuilder("kamailio", "-f", config.toString(), "-DD", "-E", "-P", WORK.resolve("kamailio.pid").toString(),
                "-Y", WORK.resolve("kamailio-run").toString())
                .directory(WORK.toFile()).redirectErrorStream(true).redirectOutput(WORK.resolve("kamailio.out").toFile()).start();
    }
}
