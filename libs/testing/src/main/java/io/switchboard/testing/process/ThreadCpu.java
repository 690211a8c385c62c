package io.switchboard.testing.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of one process's threads (from /proc, Linux), per thread and summed by thread name with the
 * digits taken out ({@code kafka-request-handler-3} counts as {@code kafka-request-handler-#}), for a
 * benchmark that runs several parts in one JVM and wants each part's share. Linux keeps the first 15
 * characters of a thread's name. Time is taken per thread and grouped by the name the thread has at the
 * second sample: a pooled thread renamed while it serves (SubEthaSMTP names its session threads after the
 * connection) is counted once, under its working name. A thread that ends between two samples takes its
 * time with it, so a bench samples while the threads it measures are still alive.
 */
public final class ThreadCpu {

    /** One thread at one moment. */
    public record ThreadTime(String name, double seconds) {
    }

    private ThreadCpu() {
    }

    /** Each live thread of the process, by thread id. */
    public static Map<Long, ThreadTime> sample(long pid) {
        Map<Long, ThreadTime> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("\\d+", "#");
                    double used = CpuClock.statSeconds(task.resolve("stat"));
                    threads.put(Long.parseLong(task.getFileName().toString()), new ThreadTime(name, used));
                } catch (IOException | RuntimeException ended) {
                    // The thread ended while the list was read.
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the threads of process " + pid, e);
        }
        return threads;
    }

    /** What each group used between two samples, largest first; groups that used nothing are left out. */
    public static Map<String, Double> between(Map<Long, ThreadTime> before, Map<Long, ThreadTime> after) {
        Map<String, Double> byName = new HashMap<>();
        after.forEach((id, thread) -> {
            ThreadTime earlier = before.get(id);
            byName.merge(thread.name(), thread.seconds() - (earlier == null ? 0 : earlier.seconds()), Double::sum);
        });
        Map<String, Double> used = new LinkedHashMap<>();
        byName.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(entry -> used.put(entry.getKey(), entry.getValue()));
        return used;
    }

    /** The groups as JSON: each one's CPU per unit of work in microseconds ({@code {"name": µs, ...}}). */
    public static String microsPerUnitJson(Map<String, Double> used, long units) {
        StringBuilder json = new StringBuilder("{");
        used.forEach((name, seconds) -> json.append(json.length() > 1 ? ", " : "")
                .append('"').append(name.replace("\\", "\\\\").replace("\"", "\\\"")).append("\": ")
                .append(String.format(Locale.ROOT, "%.0f", seconds * 1e6 / units)));
        return json.append('}').toString();
    }
}
