package io.switchboard.routing.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The two JMH operations of {@link RoutingBenchmark} on the same centers, timed by this thread's CPU
 * time rather than the wall clock: on a machine shared with other work, JMH's throughput moves with
 * the neighbours several times over, the CPU an operation costs much less.
 *
 * <p>{@code java -Xms2g -Xmx2g -cp libs/routing-engine/target/benchmarks.jar
 * io.switchboard.routing.engine.bench.CpuPerOperation [rounds] [operations]}: two rounds of warm-up,
 * then each round's CPU µs per operation.
 */
public final class CpuPerOperation {

    private CpuPerOperation() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int operations = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        RoutingBenchmark.Backlogged backlogged = new RoutingBenchmark.Backlogged();
        backlogged.fill();
        RoutingBenchmark.Quiet quiet = new RoutingBenchmark.Quiet();
        quiet.start();
        RoutingBenchmark benchmark = new RoutingBenchmark();
        StringBuilder agentFree = new StringBuilder();
        StringBuilder arrival = new StringBuilder();
        for (int round = -2; round < rounds; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < operations; i++) {
                benchmark.agentFreeToNextContact(backlogged);
            }
            long middle = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < operations; i++) {
                benchmark.arrivalToAssignment(quiet);
            }
            long end = threads.getCurrentThreadCpuTime();
            if (round >= 0) {
                agentFree.append(String.format(" %.2f", (middle - start) / 1e3 / operations));
                arrival.append(String.format(" %.2f", (end - middle) / 1e3 / operations));
            }
        }
        System.out.println("agentFreeToNextContact CPU us/op:" + agentFree);
        System.out.println("arrivalToAssignment    CPU us/op:" + arrival);
    }
}
