package io.switchboard.campaigns;

import static io.switchboard.campaigns.CampaignsTestSupport.NOON;
import static io.switchboard.campaigns.CampaignsTestSupport.as;
import static io.switchboard.campaigns.CampaignsTestSupport.campaign;
import static io.switchboard.campaigns.CampaignsTestSupport.create;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.campaigns.domain.Dialler;
import io.switchboard.campaigns.domain.Directory;
import io.switchboard.campaigns.domain.Results;
import io.switchboard.campaigns.messaging.OutboxRelay;
import io.switchboard.events.CallAttemptCompleted;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The figures of docs/campaigns.md "Speed". Not part of the test run (the name does not match the test
 * patterns); run it by name:
 *
 * <pre>./mvnw -B -pl services/campaigns test -Dtest=CampaignsBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * 1. Import: a 100,000-row CSV list (phone and two columns) put over HTTP with a real token, parsed, checked
 * and written; rows per second from the request to the answer.
 * 2. Ticks: 50 RUNNING predictive campaigns of 2,000 records each on one queue with 10 free agents; 20 rounds in
 * which every campaign is ticked once (lease, lost-call sweep, pacing inputs, records picked, attempts and
 * their events written), the outbox relayed to the broker, and every attempt in flight then answered
 * (a quarter CONNECTED, the rest NO_ANSWER) through the result handling. Only the ticks are timed.
 * Writes target/campaigns-bench/report.json.
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "campaignsbench"))
@WithTestResource(KeycloakResource.class)
class CampaignsBench {

    private static final int LIST_ROWS = 100_000;
    private static final int CAMPAIGNS = 50;
    private static final int RECORDS = 2_000;
    private static final int ROUNDS = 20;

    @Inject
    Directory directory;
    @Inject
    Dialler dialler;
    @Inject
    Results results;
    @Inject
    OutboxRelay relay;
    @Inject
    SettableClock clock;

    @Test
    void measure() throws Exception {
        CampaignsTestSupport.configure(directory);
        clock.set(NOON);
        Map<String, Object> report = new LinkedHashMap<>();

        // 1. A 100,000-row list.
        StringBuilder csv = new StringBuilder("phone,name,balance\n");
        for (int i = 0; i < LIST_ROWS; i++) {
            csv.append("+447911").append(String.format("%06d", i)).append(",Customer ").append(i).append(',').append(i % 5000).append(".50\n");
        }
        String big = create(campaign("big list", Map.of()));
        as("sam").get("/api/campaigns/tenants/acme-bank/campaigns/" + big).then().statusCode(200);
        long started = System.nanoTime();
        int accepted = as("sam").contentType("text/csv").body(csv.toString()).put("/api/campaigns/tenants/acme-bank/campaigns/" + big + "/list")
                .then().statusCode(200).extract().path("accepted");
        double importSeconds = (System.nanoTime() - started) / 1e9;
        assertThat(accepted).isEqualTo(LIST_ROWS);
        report.put("importRows", LIST_ROWS);
        report.put("importBytes", csv.length());
        report.put("importSeconds", round(importSeconds));
        report.put("importRowsPerSecond", Math.round(LIST_ROWS / importSeconds));

        // 2. Ticks with 50 running campaigns.
        List<UUID> campaigns = new ArrayList<>();
        for (int c = 0; c < CAMPAIGNS; c++) {
            StringBuilder list = new StringBuilder("phone,name\n");
            for (int i = 0; i < RECORDS; i++) {
                list.append("+447922").append(String.format("%02d%04d", c, i)).append(",Customer ").append(i).append('\n');
            }
            String id = create(campaign("tick " + c, Map.of("mode", "PREDICTIVE")));
            CampaignsTestSupport.list(id, list.toString());
            CampaignsTestSupport.start(id);
            campaigns.add(UUID.fromString(id));
        }
        List<Long> tickNanos = new ArrayList<>();
        long placed = 0;
        long answered = 0;
        for (int round = 0; round < ROUNDS; round++) {
            clock.set(NOON.plusSeconds(60L * round));
            CampaignsTestSupport.freeAgents(10, clock.instant());
            for (UUID id : campaigns) {
                long t0 = System.nanoTime();
                placed += dialler.tick(id).placed();
                tickNanos.add(System.nanoTime() - t0);
            }
            relay.drainNow();
            int n = 0;
            for (String[] attempt : inFlight()) {
                CallAttemptCompleted.Result result = n++ % 4 == 0 ? CallAttemptCompleted.Result.CONNECTED : CallAttemptCompleted.Result.NO_ANSWER;
                results.completed(new CallAttemptCompleted(UUID.randomUUID(), "acme-bank", clock.instant().plusSeconds(20), attempt[0],
                        attempt[1], attempt[2], result, result == CallAttemptCompleted.Result.CONNECTED ? clock.instant() : null, null,
                        List.of()));
                answered++;
            }
        }
        long[] sorted = tickNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        double totalSeconds = Arrays.stream(sorted).sum() / 1e9;
        report.put("campaignsRunning", CAMPAIGNS);
        report.put("recordsPerCampaign", RECORDS);
        report.put("ticks", sorted.length);
        report.put("callsPlaced", placed);
        report.put("resultsApplied", answered);
        report.put("ticksPerSecond", Math.round(sorted.length / totalSeconds));
        report.put("tickMeanMs", round(totalSeconds * 1000 / sorted.length));
        report.put("tickP50Ms", round(sorted[sorted.length / 2] / 1e6));
        report.put("tickP99Ms", round(sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6));
        report.put("tickMaxMs", round(sorted[sorted.length - 1] / 1e6));
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        assertThat(placed).isGreaterThan(CAMPAIGNS * 10L);

        Path out = Path.of("target/campaigns-bench/report.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println("campaigns bench: " + report);
        clock.reset();
    }

    private static List<String[]> inFlight() throws Exception {
        List<String[]> attempts = new ArrayList<>();
        try (Connection db = CampaignsTestSupport.connection();
                PreparedStatement s = db.prepareStatement("SELECT contact_id, campaign_id, record_id FROM attempt WHERE result IS NULL");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                attempts.add(new String[] { r.getString(1), r.getString(2), r.getString(3) });
            }
        }
        return attempts;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
