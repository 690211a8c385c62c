package io.switchboard.customer360.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service JVM's own clocks, read from its performance counters ({@code jcmd PerfCounter.print},
 * one short process): time the JIT compilers spent compiling (elapsed, so it includes waiting for
 * the CPU) and time in garbage collection, so that a window's
 * figures can say how much of the service's CPU went to warming up and to collecting.
 */
final class JvmCounters {

    record Sample(double jitSeconds, double gcSeconds, long youngCollections, long fullCollections) {

        static final Sample NONE = new Sample(0, 0, 0, 0);

        Map<String, Object> since(Sample before) {
            Map<String, Object> delta = new java.util.LinkedHashMap<>();
            delta.put("jit_compile_s", round(jitSeconds - before.jitSeconds));
            delta.put("gc_s", round(gcSeconds - before.gcSeconds));
            delta.put("young_gcs", youngCollections - before.youngCollections);
            delta.put("full_gcs", fullCollections - before.fullCollections);
            return delta;
        }
    }

    private JvmCounters() {
    }

    static Sample sample(long pid) {
        if (pid <= 0) {
            return Sample.NONE;
        }
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid), "PerfCounter.print").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                return Sample.NONE;
            }
            Map<String, Long> counters = new HashMap<>();
            for (String line : out.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    try {
                        counters.put(line.substring(0, eq).trim(), Long.parseLong(line.substring(eq + 1).trim()));
                    } catch (NumberFormatException notANumber) {
                        // String counters.
                    }
                }
            }
            double hz = counters.getOrDefault("sun.os.hrt.frequency", 1_000_000_000L);
            long gcTicks = counters.getOrDefault("sun.gc.collector.0.time", 0L) + counters.getOrDefault("sun.gc.collector.1.time", 0L);
            return new Sample(counters.getOrDefault("java.ci.totalTime", 0L) / hz, gcTicks / hz,
                    counters.getOrDefault("sun.gc.collector.0.invocations", 0L),
                    counters.getOrDefault("sun.gc.collector.1.invocations", 0L));
        } catch (IOException e) {
            return Sample.NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Sample.NONE;
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
