package io.switchboard.routing.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.switchboard.testing.kafka.EmbeddedKafkaBroker;
import io.switchboard.testing.postgres.PostgresDatabase;

/**
 * Exactly once across kill -9: 5,000 contacts through the packaged routing service, killed part-way
 * as a real process. Every contact must end assigned or abandoned exactly once, and no agent may
 * ever hold more than their capacity.
 */
@Tag("e2e")
class RoutingCrashIT {

    private static final int CONTACTS = 5_000;
    private static final int KILL_AFTER = 2_000;
    private static final int PER_SECOND = 200;

    private final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
    private final List<RoutingProcess> processes = new ArrayList<>();
    private PostgresDatabase database;

    @BeforeEach
    void database() {
        database = PostgresDatabase.create("routing_crash");
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (RoutingProcess process : processes) {
            process.stop();
        }
        database.close();
    }

    @Test
    void oneInstanceKilledAndRestartedLosesAndDuplicatesNothing() throws Exception {
        try (CenterHarness center = new CenterHarness(broker.bootstrapServers(), 40)) {
            RoutingProcess first = started("single-1");
            run(center, () -> {
                first.kill9();
                processes.remove(first);
                started("single-2");
            });
            verify(center);
        }
    }

    @Test
    void theOwnerOfTwoInstancesKilledHandsOverToTheOther() throws Exception {
        try (CenterHarness center = new CenterHarness(broker.bootstrapServers(), 40)) {
            RoutingProcess a = started("pair-a");
            RoutingProcess b = started("pair-b");
            run(center, () -> {
                RoutingProcess owner = a.domains() > 0 ? a : b;
                assertThat(owner.domains()).as("one instance owns the domain").isPositive();
                owner.kill9();
                processes.remove(owner);
            });
            verify(center);
        }
    }

    private interface Crash {
        void happen() throws Exception;
    }

    private void run(CenterHarness center, Crash crash) throws Exception {
        center.configure();
        center.startAgents();
        center.awaitConfigurationApplied(Duration.ofSeconds(60));
        long started = System.nanoTime();
        for (int i = 0; i < CONTACTS; i++) {
            if (i == KILL_AFTER) {
                crash.happen();
            }
            center.customerArrives();
            long due = started + (long) ((i + 1) * 1e9 / PER_SECOND);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (center.resolved() < CONTACTS && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
    }

    private void verify(CenterHarness center) {
        long bothWays = center.created.stream()
                .filter(id -> center.assignedEvents.containsKey(id) && center.abandonedEvents.containsKey(id)).count();
        long assignedTwice = center.assignedEvents.values().stream().filter(ids -> ids.size() > 1).count();
        long abandonedTwice = center.abandonedEvents.values().stream().filter(ids -> ids.size() > 1).count();
        long assigned = center.created.stream().filter(center.assignedEvents::containsKey).count();
        long abandoned = center.created.stream().filter(center.abandonedEvents::containsKey).count();
        System.out.printf("crash run: %d contacts, %d assigned, %d abandoned, %d records redelivered with known ids%n",
                center.created.size(), assigned, abandoned, center.redelivered);

        assertThat(center.resolved()).as("every contact ends assigned or abandoned").isEqualTo(CONTACTS);
        assertThat(bothWays).as("no contact both assigned and abandoned").isZero();
        assertThat(assignedTwice).as("no contact assigned twice").isZero();
        assertThat(abandonedTwice).as("no contact abandoned twice").isZero();
        assertThat(center.violations).as("no agent over capacity").isEmpty();
        assertThat(center.abandonedEvents).as("some customers did hang up").isNotEmpty();
    }

    private RoutingProcess started(String name) throws Exception {
        RoutingProcess process = RoutingProcess.start(name, broker.bootstrapServers(), database).awaitReady(Duration.ofSeconds(60));
        processes.add(process);
        return process;
    }

}
