package io.switchboard.testing.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of processes (from /proc, Linux) and of the whole machine, for the load benchmarks' reports.
 * A process named {@code service} also has its JIT compiler threads' share sampled ({@code service_jit},
 * part of its own, so not counted twice in what the bench's processes used).
 */
public final class CpuClock {

    public record Process(long pid, String name) {
    }

    public record Sample(long nanos, Map<String, Double> seconds, long[] machine, double load) {
    }

    private CpuClock() {
    }

    public static Sample sample(List<Process> processes) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Process process : processes) {
            seconds.put(process.name(), cpuSeconds(process.pid()));
            if (process.name().equals("service")) {
                seconds.put("service_jit", compilerSeconds(process.pid()));
            }
        }
        seconds.put("postgres", postgresSeconds());
        return new Sample(System.nanoTime(), seconds, machine(), load());
    }

    /** Busy share of each process over the window, in cores (1.0 = one core all the time), as JSON. */
    public static String json(Sample before, Sample after) {
        double wall = (after.nanos() - before.nanos()) / 1e9;
        StringBuilder json = new StringBuilder("{\"wall_s\": ").append(String.format(Locale.ROOT, "%.1f", wall));
        double ours = 0;
        for (var entry : after.seconds().entrySet()) {
            double used = entry.getValue() - before.seconds().getOrDefault(entry.getKey(), 0.0);
            if (!entry.getKey().equals("service_jit")) {
                ours += used / wall;
            }
            json.append(String.format(Locale.ROOT, ", \"%s_cores\": %.2f", entry.getKey(), used / wall));
        }
        long idle = after.machine()[1] - before.machine()[1];
        long all = after.machine()[0] - before.machine()[0];
        double busy = all == 0 ? 0 : (double) (all - idle) / all;
        // What the machine did besides the bench's processes: other work on the machine (a noisy run) and the kernel.
        double others = busy * after.machine()[2] - ours;
        json.append(String.format(Locale.ROOT, ", \"machine_busy_pct\": %.1f, \"others_cores\": %.2f, \"load1_before\": %.2f,"
                + " \"load1_after\": %.2f}", 100 * busy, others, before.load(), after.load()));
        return json.toString();
    }

    private static double cpuSeconds(long pid) {
        try {
            return statSeconds(Path.of("/proc/" + pid + "/stat"));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** User and system time of a process's or a thread's {@code stat} file, in seconds. */
    static double statSeconds(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // utime and stime are fields 14 and 15 of the line, 12 and 13 after "pid (comm) ".
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /**
     * CPU of a JVM's JIT compiler threads (C1 and C2), part of the process's own: how much of it went
     * to compiling rather than to the work. A compiler thread that ends between two samples takes its
     * time with it, so this is a lower bound.
     */
    private static double compilerSeconds(long pid) {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.filter(task -> {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    return comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler");
                } catch (IOException e) {
                    return false;
                }
            }).mapToDouble(task -> threadSeconds(task)).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static double threadSeconds(Path task) {
        try {
            return statSeconds(task.resolve("stat"));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Every postgres process's CPU (backends come and go, so this is a lower bound). */
    private static double postgresSeconds() {
        try (var pids = Files.list(Path.of("/proc"))) {
            return pids.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).trim().equals("postgres");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .mapToDouble(p -> cpuSeconds(Long.parseLong(p.getFileName().toString())))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Total and idle jiffies of the machine, and its number of CPUs (this process may be pinned to fewer). */
    private static long[] machine() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] cpu = lines.get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long cpus = lines.stream().filter(line -> line.matches("cpu\\d+ .*")).count();
            return new long[] {total, Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]), cpus};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0, 1};
        }
    }

    public static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
