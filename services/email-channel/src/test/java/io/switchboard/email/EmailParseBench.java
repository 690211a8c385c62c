package io.switchboard.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.switchboard.email.domain.EmailParser;
import io.switchboard.email.domain.ParsedEmail;

/**
 * The CPU one thread spends parsing the ingest bench's 52 KB message (text part and a base64 attachment):
 * thread CPU time, not wall time, so that other work on the machine does not change the figure much.
 */
class EmailParseBench {

    private static final int WARM_UP = 1_000;
    private static final int MEASURED = 3_000;

    @Test
    void cpuPerParsedMessage() throws Exception {
        List<byte[]> messages = EmailIngestBench.messages("parse", 100);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP; i++) {
            EmailParser.parse(messages.get(i % messages.size()), "customer@bench.example");
        }
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        long attachmentBytes = 0;
        for (int i = 0; i < MEASURED; i++) {
            ParsedEmail email = EmailParser.parse(messages.get(i % messages.size()), "customer@bench.example");
            attachmentBytes += email.attachments().get(0).size();
        }
        double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / MEASURED;
        double wallMicros = (System.nanoTime() - wall) / 1e3 / MEASURED;
        assertThat(attachmentBytes).isEqualTo(36L * 1024 * MEASURED);

        String result = String.format(Locale.ROOT, "email parse: %,d-byte messages, %.1f µs CPU each (%.1f µs wall), %.0f a second a core%n",
                messages.get(0).length, cpuMicros, wallMicros, 1e6 / cpuMicros);
        System.out.print(result);
        Path dir = Files.createDirectories(Path.of("target/email-parse-bench"));
        Files.writeString(dir.resolve("report.txt"), result);
        Files.writeString(dir.resolve("report.json"), String.format(Locale.ROOT,
                "{\"message_bytes\": %d, \"parsed\": %d, \"cpu_us_per_message\": %.1f, \"wall_us_per_message\": %.1f,"
                        + " \"load_average\": \"%s\"}%n",
                messages.get(0).length, MEASURED, cpuMicros, wallMicros, Files.readString(Path.of("/proc/loadavg")).trim()));
    }
}
