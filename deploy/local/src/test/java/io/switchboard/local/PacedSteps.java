package io.switchboard.local;

import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The crash tests' load: steps at a fixed rate, step {@code i} due {@code i / perSecond} seconds after the start,
 * with the fault ({@code during}) run just before step {@code count / 3}, so a third goes before it.
 */
final class PacedSteps {

    private PacedSteps() {
    }

    /** Runs steps {@code from} to {@code count - 1}, each when it is due. */
    static void run(int from, int count, int perSecond, Runnable during, IntConsumer step) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = from; i < count; i++) {
            long wait = start + TimeUnit.SECONDS.toNanos(i) / perSecond - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (i == count / 3) {
                during.run();
            }
            step.accept(i);
        }
    }
}
