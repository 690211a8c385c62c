package io.switchboard.routing.crash;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.switchboard.testing.postgres.PostgresDatabase;
import io.switchboard.testing.process.ServiceProcess;

/** The packaged routing service running as a separate operating-system process. */
final class RoutingProcess {

    private static final Pattern DOMAINS = Pattern.compile("\"domains\"\\s*:\\s*(\\d+)");

    private final ServiceProcess process;
    private final long pid;

    private RoutingProcess(ServiceProcess process, long pid) {
        this.process = process;
        this.pid = pid;
    }

    static RoutingProcess start(String name, String bootstrap, PostgresDatabase database) throws IOException {
        return start(name, bootstrap, database, "384m", List.of());
    }

    /** @param jvm JVM options besides the heap (GC, flight recording), handed to the launcher as JDK_JAVA_OPTIONS */
    static RoutingProcess start(String name, String bootstrap, PostgresDatabase database, String heap, List<String> jvm)
            throws IOException {
        Set<Long> before = children();
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", database.user(),
                "QUARKUS_DATASOURCE_PASSWORD", database.password(),
                "SWITCHBOARD_ROUTING_SESSION_TIMEOUT", "6s"));
        if (!jvm.isEmpty()) {
            env.put("JDK_JAVA_OPTIONS", String.join(" ", jvm));
        }
        ServiceProcess process = ServiceProcess.start(name, env, heap);
        Set<Long> started = children();
        started.removeAll(before);
        return new RoutingProcess(process, started.size() == 1 ? started.iterator().next() : -1);
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    RoutingProcess awaitReady(Duration timeout) throws InterruptedException {
        process.awaitReady(timeout);
        return this;
    }

    /** The operating system's id of the process (for CPU pinning and accounting). */
    long pid() {
        if (pid < 0) {
            throw new IllegalStateException("the process id of " + name() + " is not known");
        }
        return pid;
    }

    /** The number of routing domains this instance writes. */
    int domains() {
        return process.readiness().map(body -> {
            Matcher matcher = DOMAINS.matcher(body);
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        }).orElse(0);
    }

    void kill9() throws InterruptedException {
        process.kill9();
    }

    void stop() throws InterruptedException {
        process.stop();
    }

    String name() {
        return process.name();
    }
}
