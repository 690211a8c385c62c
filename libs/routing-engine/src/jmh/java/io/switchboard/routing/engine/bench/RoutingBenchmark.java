package io.switchboard.routing.engine.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing decisions at scale: 10,000 agents, 500 skills, 200 queues.
 *
 * <ul>
 * <li>{@code agentFreeToNextContact}: with 100,000 contacts waiting, a busy agent finishes and the
 * engine picks the next contact for them across their queues (highest priority, oldest), the agent
 * accepts, and one new contact arrives to keep the backlog steady: three engine commands, two of
 * them routing decisions.</li>
 * <li>{@code arrivalToAssignment}: with agents free and no backlog, a contact arrives and is
 * offered to the best ready agent, who accepts; a random busy agent then finishes: three commands,
 * one routing decision of each kind.</li>
 * </ul>
 */
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingBenchmark {

    @State(Scope.Benchmark)
    public static class Backlogged {
        CenterModel center;

        @Setup(Level.Trial)
        public void fill() {
            center = new CenterModel();
            while (center.engine.contactCount() - center.busyAgents.size() < 100_000) {
                center.arrive();
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Quiet {
        CenterModel center;

        @Setup(Level.Trial)
        public void start() {
            center = new CenterModel();
            for (int i = 0; i < 2_000; i++) {
                center.arrive();
            }
        }
    }

    @Benchmark
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    public int agentFreeToNextContact(Backlogged state) {
        state.center.finishRandomContact();
        state.center.arrive();
        return state.center.busyAgents.size();
    }

    @Benchmark
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    public int arrivalToAssignment(Quiet state) {
        state.center.arrive();
        state.center.finishRandomContact();
        return state.center.busyAgents.size();
    }
}
