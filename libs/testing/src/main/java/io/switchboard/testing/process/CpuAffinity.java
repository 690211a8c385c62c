package io.switchboard.testing.process;

import java.io.IOException;

/** The load benches' way of sharing the 2 cores out: a process's threads held to given CPUs (Linux taskset). */
public final class CpuAffinity {

    private CpuAffinity() {
    }

    /** Pins every thread of a process to {@code cpus} ("0", "1", "0-1"); a child started afterwards inherits it. */
    public static void pin(long pid, String cpus) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, String.valueOf(pid)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (taskset.waitFor() != 0) {
            throw new IllegalStateException("taskset could not pin " + pid + " to CPU " + cpus);
        }
    }
}
