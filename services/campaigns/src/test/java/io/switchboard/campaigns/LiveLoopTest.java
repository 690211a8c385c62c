package io.switchboard.campaigns;

import static io.switchboard.campaigns.CampaignsTestSupport.NOON;
import static io.switchboard.campaigns.CampaignsTestSupport.calls;
import static io.switchboard.campaigns.CampaignsTestSupport.campaign;
import static io.switchboard.campaigns.CampaignsTestSupport.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.campaigns.domain.Directory;
import io.switchboard.events.CallAttemptCompleted.Result;
import io.switchboard.events.CampaignCallRequested;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The service as it runs: its own tick every 200 ms and its outbox relay publish the calls of a started
 * campaign, and a result that frees a line is followed by the next call.
 */
@QuarkusTest
@TestProfile(LiveLoopTest.Ticking.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "campaignslive"))
@WithTestResource(KeycloakResource.class)
class LiveLoopTest {

    public static class Ticking implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.campaigns.dialler.every", "200ms", "switchboard.campaigns.outbox.enabled", "true",
                    "switchboard.campaigns.outbox.poll", "200ms");
        }
    }

    @Inject
    Directory directory;
    @Inject
    SettableClock clock;

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @Test
    void aStartedCampaignIsDialledAndAFreedLineIsFilled() {
        CampaignsTestSupport.configure(directory);
        clock.set(NOON);
        CampaignsTestSupport.freeAgents(2, NOON);
        String id = create(campaign("live", Map.of()));
        CampaignsTestSupport.list(id, "phone\n+447911170001\n+447911170002\n+447911170003\n");
        CampaignsTestSupport.start(id);
        await().atMost(Duration.ofSeconds(20)).until(() -> calls(id).size() == 2);
        List<CampaignCallRequested> first = calls(id);
        CampaignsTestSupport.result(first.get(0), Result.NO_ANSWER, NOON.plusSeconds(20), List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> calls(id).size() == 3);
        assertThat(calls(id)).extracting(c -> c.to().value()).containsExactlyInAnyOrder("+447911170001", "+447911170002", "+447911170003");
        assertThat(CampaignsTestSupport.scalar("SELECT count(*) FROM outbox")).isZero();
    }
}
