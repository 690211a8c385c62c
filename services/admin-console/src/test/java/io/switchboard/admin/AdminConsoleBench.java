package io.switchboard.admin;

import static io.switchboard.admin.ConsoleFixture.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.Topics;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * How long an admin waits for a change to be live: a queue change (validation, one transaction with
 * its audit line and outbox row, the broker's acknowledgement) and an agent change (Keycloak's admin
 * API first, then the same). Sequential calls from one admin on loopback, bounded in count.
 * Run: see docs/benchmarks.md. Writes target/admin-console-bench/report.json.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "admin"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(KeycloakAdminClientResource.class)
class AdminConsoleBench {

    private static final int QUEUE_CHANGES = 500;
    private static final int AGENT_CHANGES = 100;
    private static final int WARM_UP = 50;

    @Test
    void changesArePublishedQuickly() throws Exception {
        ConsoleFixture f = new ConsoleFixture();
        f.createTenants();
        String queuePath = "/api/tenants/" + f.tenant + "/queues/bench";
        for (int i = 0; i < WARM_UP; i++) {
            as(f.admin).body(ConsoleFixture.queueBody("Bench " + i, Map.of("billing", 1))).put(queuePath).then().statusCode(200);
        }
        double[] queue = new double[QUEUE_CHANGES];
        for (int i = 0; i < QUEUE_CHANGES; i++) {
            long start = System.nanoTime();
            as(f.admin).body(ConsoleFixture.queueBody("Bench run " + i, Map.of("billing", 1 + i % 5))).put(queuePath)
                    .then().statusCode(200);
            queue[i] = (System.nanoTime() - start) / 1e6;
        }
        try (KafkaTestClient kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            kafka.await(Topics.CONFIG, r -> KafkaTestClient.decode(r) instanceof QueueConfigured q && q.tenantId().equals(f.tenant)
                    && q.name().startsWith("Bench run "), QUEUE_CHANGES, java.time.Duration.ofSeconds(60));
        }

        String agentPath = "/api/tenants/" + f.tenant + "/agents/bench-" + f.suffix;
        as(f.admin).body(AdminConsoleServiceTest.agentBody(List.of(f.tenant), Map.of("billing", 1), "bench-password-1"))
                .put(agentPath).then().statusCode(200);
        double[] agent = new double[AGENT_CHANGES];
        for (int i = 0; i < AGENT_CHANGES; i++) {
            long start = System.nanoTime();
            as(f.admin).body(AdminConsoleServiceTest.agentBody(List.of(f.tenant), Map.of("billing", 1 + i % 5, "loans", 1 + (i + 1) % 5), null))
                    .put(agentPath).then().statusCode(200);
            agent[i] = (System.nanoTime() - start) / 1e6;
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "admin-console change → published");
        report.put("queueChange", summary(queue));
        report.put("agentChange", summary(agent));
        Path out = Path.of("target", "admin-console-bench", "report.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println(Files.readString(out));
        assertThat(Arrays.stream(queue).min().orElse(0)).isPositive();
    }

    private static Map<String, Object> summary(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", sorted.length);
        summary.put("p50Ms", round(sorted[(int) (sorted.length * 0.50)]));
        summary.put("p99Ms", round(sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)]));
        summary.put("maxMs", round(sorted[sorted.length - 1]));
        summary.put("perSecond", round(1000.0 * sorted.length / Arrays.stream(sorted).sum()));
        return summary;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
