package io.switchboard.routing.crash;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.testing.postgres.PostgresDatabase;
import io.switchboard.testing.process.ServiceProcess;

/** The packaged routing service running as a separate operating-system process. */
final class RoutingProcess {

    private static final Pattern DOMAINS = Pattern.compile("\"domains\"\\s*:\\s*(\\d+)");

    private final ServiceProcess process;

    private RoutingProcess(ServiceProcess process) {
        this.process = process;
    }

    static RoutingProcess start(String name, String bootstrap, PostgresDatabase database) throws IOException {
        return new RoutingProcess(ServiceProcess.start(name, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", database.user(),
                "QUARKUS_DATASOURCE_PASSWORD", database.password(),
                "SWITCHBOARD_ROUTING_SESSION_TIMEOUT", "6s")));
    }

    RoutingProcess awaitReady(Duration timeout) throws InterruptedException {
        process.awaitReady(timeout);
        return this;
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
