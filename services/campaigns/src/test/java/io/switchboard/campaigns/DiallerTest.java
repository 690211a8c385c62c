package io.switchboard.campaigns;

import static io.switchboard.campaigns.CampaignsTestSupport.ACME;
import static io.switchboard.campaigns.CampaignsTestSupport.NOON;
import static io.switchboard.campaigns.CampaignsTestSupport.as;
import static io.switchboard.campaigns.CampaignsTestSupport.calls;
import static io.switchboard.campaigns.CampaignsTestSupport.campaign;
import static io.switchboard.campaigns.CampaignsTestSupport.create;
import static io.switchboard.campaigns.CampaignsTestSupport.freeAgents;
import static io.switchboard.campaigns.CampaignsTestSupport.list;
import static io.switchboard.campaigns.CampaignsTestSupport.publish;
import static io.switchboard.campaigns.CampaignsTestSupport.result;
import static io.switchboard.campaigns.CampaignsTestSupport.scalar;
import static io.switchboard.campaigns.CampaignsTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.campaigns.domain.CallRequests;
import io.switchboard.campaigns.domain.Dialler;
import io.switchboard.campaigns.domain.DiallerSettings;
import io.switchboard.campaigns.domain.DiallerStore;
import io.switchboard.campaigns.domain.Directory;
import io.switchboard.campaigns.domain.OutboxSignal;
import io.switchboard.campaigns.messaging.OutboxRelay;
import io.switchboard.campaigns.persistence.JdbcOutbox;
import io.switchboard.events.CallAttemptCompleted.Result;
import io.switchboard.events.CampaignCallRequested;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.OptOutChanged;
import io.switchboard.events.WrapUpCompleted;
import io.switchboard.events.address.Address;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The dialler against the real broker and database: which records it calls, retries and results, progressive
 * pacing, a second instance taking over, and the results export. The tests tick the dialler and relay the
 * outbox themselves, on a clock they set.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "campaigns"))
@WithTestResource(KeycloakResource.class)
class DiallerTest {

    @Inject
    Directory directory;
    @Inject
    Dialler dialler;
    @Inject
    OutboxRelay relay;
    @Inject
    JdbcOutbox outbox;
    @Inject
    SettableClock clock;
    @Inject
    DiallerStore diallerStore;
    @Inject
    CallRequests requests;
    @Inject
    OutboxSignal signal;
    @Inject
    DiallerSettings settings;

    @BeforeEach
    void setUp() {
        CampaignsTestSupport.configure(directory);
        clock.set(NOON);
        // Each test's campaign is the only running one.
        CampaignsTestSupport.execute("UPDATE campaign SET state = 'STOPPED' WHERE state IN ('RUNNING', 'PAUSED')");
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    private int tick() {
        int placed = dialler.tickAll();
        relay.drainNow();
        return placed;
    }

    private static String number(int n) {
        return "+44791110" + String.format("%04d", n);
    }

    @Test
    void startCallsOnlyTheCallableRecords() {
        String dnc = number(2);
        String stop = number(3);
        String tokyo = "+81312345678";
        String id = create(campaign("callable", Map.of()));
        list(id, "phone,name\n" + number(1) + ",Ann\n" + dnc + ",Ben\n" + stop + ",Cy\n" + tokyo + ",Dai\n" + number(5) + ",Eve\n");
        as("sam").put("/api/campaigns/tenants/acme-bank/do-not-call/" + dnc).then().statusCode(201);
        publish(new OptOutChanged(UUID.randomUUID(), ACME, NOON.minusSeconds(60), new Address(io.switchboard.events.address.AddressKind.PHONE,
                stop, null), true, "sms-stop"));
        await().atMost(Duration.ofSeconds(20)).until(() -> scalar("SELECT count(*) FROM consent WHERE address = '" + stop + "' AND opted_out") == 1);
        freeAgents(10, NOON);
        start(id);

        assertThat(tick()).isEqualTo(2);
        List<CampaignCallRequested> calls = calls(id);
        assertThat(calls).extracting(c -> c.to().value()).containsExactlyInAnyOrder(number(1), number(5));
        CampaignCallRequested ann = calls.stream().filter(c -> c.to().value().equals(number(1))).findFirst().orElseThrow();
        assertThat(ann.attempt()).isEqualTo(1);
        assertThat(ann.queueId()).isEqualTo("sales");
        assertThat(ann.entryPoint()).isEqualTo(CampaignsTestSupport.CALLER_ID);
        assertThat(ann.record()).containsEntry("name", "Ann");
        assertThat(ann.agentId()).isNull();
        assertThat(calls).extracting(CampaignCallRequested::contactId).as("a fresh contact id per attempt").doesNotHaveDuplicates();
        // The do-not-call entry went out as an opt-out on the consent topic.
        assertThat(CampaignsTestSupport.readAll(io.switchboard.events.Topics.CONSENT)).anyMatch(e -> e instanceof OptOutChanged o
                && o.address().value().equals(dnc) && o.optedOut() && o.source().equals("do-not-call"));

        // Tokyo opens at 08:00 local (23:00 UTC); the opted-out numbers never.
        clock.set(Instant.parse("2026-12-07T23:30:00Z"));
        freeAgents(10, clock.instant());
        assertThat(tick()).isEqualTo(1);
        assertThat(calls(id)).extracting(c -> c.to().value()).containsExactlyInAnyOrder(number(1), number(5), tokyo);
    }

    @Test
    void busyIsRetriedAfterItsDelayAndAnExhaustedNoAnswerIsDone() {
        String id = create(campaign("retries", Map.of("retries", Map.of("BUSY", Map.of("attempts", 3, "delaySeconds", 60),
                "NO_ANSWER", Map.of("attempts", 1, "delaySeconds", 60)))));
        list(id, "phone\n" + number(11) + "\n" + number(12) + "\n");
        freeAgents(5, NOON);
        start(id);
        assertThat(tick()).isEqualTo(2);
        List<CampaignCallRequested> first = calls(id);
        CampaignCallRequested busy = first.stream().filter(c -> c.to().value().equals(number(11))).findFirst().orElseThrow();
        CampaignCallRequested unanswered = first.stream().filter(c -> c.to().value().equals(number(12))).findFirst().orElseThrow();
        result(busy, Result.BUSY, NOON.plusSeconds(5), List.of());
        result(unanswered, Result.NO_ANSWER, NOON.plusSeconds(20), List.of());

        clock.set(NOON.plusSeconds(30));
        freeAgents(5, clock.instant());
        assertThat(tick()).as("the busy number is not due yet").isZero();

        clock.set(NOON.plusSeconds(70));
        freeAgents(5, clock.instant());
        assertThat(tick()).isEqualTo(1);
        List<CampaignCallRequested> after = calls(id);
        assertThat(after).hasSize(3);
        assertThat(after.get(2).to().value()).isEqualTo(number(11));
        assertThat(after.get(2).attempt()).isEqualTo(2);

        clock.set(NOON.plusSeconds(3600));
        freeAgents(5, clock.instant());
        assertThat(tick()).as("the exhausted no-answer is done").isZero();
        assertThat(scalar("SELECT count(*) FROM campaign_record r JOIN campaign c ON c.id = r.campaign_id WHERE c.name = 'retries'"
                + " AND r.phone = '" + number(12) + "' AND r.done AND r.last_result = 'NO_ANSWER'")).isEqualTo(1);
    }

    @Test
    void progressiveNeverHasMoreLinesThanFreeAgents() {
        StringBuilder csv = new StringBuilder("phone\n");
        for (int i = 0; i < 10; i++) {
            csv.append(number(100 + i)).append('\n');
        }
        String id = create(campaign("progressive", Map.of()));
        list(id, csv.toString());
        freeAgents(2, NOON);
        start(id);
        assertThat(tick()).isEqualTo(2);
        assertThat(tick()).as("two lines ring for two free agents").isZero();
        List<CampaignCallRequested> calls = calls(id);
        result(calls.get(0), Result.NO_ANSWER, NOON.plusSeconds(10), List.of());
        assertThat(tick()).isEqualTo(1);
        freeAgents(3, NOON);
        assertThat(tick()).isEqualTo(1);
        assertThat(scalar("SELECT count(*) FROM attempt a JOIN campaign c ON c.id = a.campaign_id WHERE c.name = 'progressive'"
                + " AND a.result IS NULL")).isEqualTo(3);
        freeAgents(0, NOON);
        assertThat(tick()).isZero();
    }

    @Test
    void anotherInstanceTakesOverWithoutLosingOrRepeatingACall() {
        StringBuilder csv = new StringBuilder("phone\n");
        for (int i = 0; i < 6; i++) {
            csv.append(number(200 + i)).append('\n');
        }
        String id = create(campaign("takeover", Map.of()));
        list(id, csv.toString());
        freeAgents(3, NOON);
        start(id);
        assertThat(dialler.tickAll()).isEqualTo(3);
        // The instance dies before its relay publishes: the first publish fails and leaves the rows.
        assertThat(outbox.pending()).isGreaterThanOrEqualTo(3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outbox.drain(100, events -> {
            throw new IllegalStateException("the broker went away");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(outbox.pending()).isGreaterThanOrEqualTo(3);

        Dialler other = new Dialler(diallerStore, directory, requests, signal, settings, "other-instance", clock);
        assertThat(other.tickAll()).as("the lease is still the first instance's").isZero();
        clock.advance(settings.lease().plusSeconds(1));
        freeAgents(6, clock.instant());
        assertThat(other.tickAll()).as("three ring, three more agents are free").isEqualTo(3);
        assertThat(dialler.tickAll()).as("the lease is the other instance's now").isZero();
        relay.drainNow();
        List<CampaignCallRequested> calls = calls(id);
        assertThat(calls).hasSize(6);
        assertThat(calls).extracting(c -> c.to().value()).doesNotHaveDuplicates();
        assertThat(calls).extracting(CampaignCallRequested::recordId).doesNotHaveDuplicates();
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void aCallWithoutAResultIsFailedAsLostAndFreesItsLine() {
        String id = create(campaign("lost", Map.of("ringSeconds", 20)));
        list(id, "phone\n" + number(300) + "\n" + number(301) + "\n");
        freeAgents(1, NOON);
        start(id);
        assertThat(tick()).isEqualTo(1);
        clock.set(NOON.plusSeconds(20 + 5 * 60 + 1));
        freeAgents(1, clock.instant());
        assertThat(tick()).isEqualTo(1);
        assertThat(scalar("SELECT count(*) FROM attempt a JOIN campaign c ON c.id = a.campaign_id WHERE c.name = 'lost'"
                + " AND a.result = 'FAILED' AND a.detail LIKE 'lost%'")).isEqualTo(1);
    }

    @Test
    void resultsExportEveryRecordWithItsOutcome() {
        String id = create(campaign("export", Map.of()));
        list(id, "phone,name,amount_due\n" + number(400) + ",Ann,120.50\n" + number(401) + ",Ben,99\n" + number(402) + ",Cy,10\n");
        freeAgents(3, NOON);
        start(id);
        assertThat(tick()).isEqualTo(3);
        Map<String, CampaignCallRequested> byNumber = new java.util.HashMap<>();
        calls(id).forEach(c -> byNumber.put(c.to().value(), c));

        CampaignCallRequested ann = byNumber.get(number(400));
        result(ann, Result.CONNECTED, NOON.plusSeconds(10), List.of());
        publish(new ContactAssigned(UUID.randomUUID(), ACME, NOON.plusSeconds(11), ann.contactId(), Channel.VOICE, "sales", "alice", null));
        publish(new ContactEnded(UUID.randomUUID(), ACME, NOON.plusSeconds(100), ann.contactId(), Channel.VOICE,
                ContactEnded.Reason.CUSTOMER_LEFT, null, 5L, 0L, 80L, 9L));
        await().atMost(Duration.ofSeconds(20)).until(() -> scalar("SELECT count(*) FROM attempt WHERE contact_id = '" + ann.contactId()
                + "' AND ended_at IS NOT NULL AND assigned_at IS NOT NULL") == 1);
        publish(new WrapUpCompleted(UUID.randomUUID(), ACME, NOON.plusSeconds(130), "alice", ann.contactId(), "sales", "PROMISE_TO_PAY",
                "Will pay amount=120.50 date=2026-12-20, salary day"));

        CampaignCallRequested ben = byNumber.get(number(401));
        result(ben, Result.CONNECTED, NOON.plusSeconds(12), List.of());
        publish(new WrapUpCompleted(UUID.randomUUID(), ACME, NOON.plusSeconds(60), "alice", ben.contactId(), "sales", "ANSWERING_MACHINE",
                null));
        result(byNumber.get(number(402)), Result.BUSY, NOON.plusSeconds(8), List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> scalar("SELECT count(*) FROM attempt WHERE wrapped_at IS NOT NULL AND contact_id IN ('"
                + ann.contactId() + "', '" + ben.contactId() + "')") == 2);
        assertThat(scalar("SELECT round(handle_seconds) FROM attempt WHERE contact_id = '" + ann.contactId() + "'"))
                .as("talk 80 + hold 9 + wrap-up 30").isEqualTo(119);

        String body = as("sam").get("/api/campaigns/tenants/acme-bank/campaigns/" + id + "/results").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        List<CSVRecord> rows;
        try {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(body)).getRecords();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).toMap()).containsExactlyInAnyOrderEntriesOf(Map.of("phone", number(400), "name", "Ann", "amount_due", "120.50",
                "attempts", "1", "last_result", "CONNECTED", "disposition", "PROMISE_TO_PAY", "promise_amount", "120.50",
                "promise_date", "2026-12-20", "survey_answers", "", "done", "true"));
        assertThat(rows.get(1).toMap()).containsEntry("phone", number(401)).containsEntry("last_result", "MACHINE")
                .containsEntry("disposition", "ANSWERING_MACHINE").containsEntry("done", "false").containsEntry("promise_amount", "");
        assertThat(rows.get(2).toMap()).containsEntry("phone", number(402)).containsEntry("last_result", "BUSY").containsEntry("done", "false");

        Map<String, Object> progress = as("sam").get("/api/campaigns/tenants/acme-bank/campaigns/" + id).then().statusCode(200)
                .extract().path("progress");
        assertThat(progress).containsEntry("records", 3).containsEntry("remaining", 2).containsEntry("dialled", 3)
                .containsEntry("connected", 1).containsEntry("machine", 1).containsEntry("busy", 1).containsEntry("inFlight", 0)
                .containsEntry("answeredToday", 1).containsEntry("abandonRateToday", 0.0f);
    }

    @Test
    void aSurveyCallsItsLinesWithThePromptsAndKeepsTheAnswers() {
        String id = create(campaign("survey", Map.of("kind", "SURVEY", "surveyPrompts", List.of("q1-satisfaction", "welcome"),
                "surveyLines", 2)));
        list(id, "phone\n" + number(500) + "\n" + number(501) + "\n" + number(502) + "\n");
        start(id);
        assertThat(tick()).as("survey lines, no agents needed").isEqualTo(2);
        List<CampaignCallRequested> calls = calls(id);
        assertThat(calls).allSatisfy(c -> assertThat(c.surveyPrompts()).containsExactly("q1-satisfaction", "welcome"));
        result(calls.get(0), Result.CONNECTED, NOON.plusSeconds(30), List.of("4", ""));
        assertThat(tick()).isEqualTo(1);
        assertThat(scalar("SELECT count(*) FROM campaign_record WHERE phone = '" + calls.get(0).to().value()
                + "' AND survey_answers = '[\"4\",\"\"]'")).isEqualTo(1);
    }

    @Test
    void aCampaignWhoseRecordsAreAllDoneCompletes() {
        String id = create(campaign("complete", Map.of("retries", Map.of("NO_ANSWER", Map.of("attempts", 1)))));
        list(id, "phone\n" + number(600) + "\n");
        freeAgents(1, NOON);
        start(id);
        assertThat(tick()).isEqualTo(1);
        result(calls(id).get(0), Result.NO_ANSWER, NOON.plusSeconds(30), List.of());
        tick();
        as("sam").get("/api/campaigns/tenants/acme-bank/campaigns/" + id).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("COMPLETED"));
    }

    @Test
    void previewReservesARecordForTheAgentWhoCallsOrSkipsIt() {
        String id = create(campaign("preview", Map.of("mode", "PREVIEW", "script", "Hello, this is Acme Bank")));
        list(id, "phone,name\n" + number(700) + ",Ann\n" + number(701) + ",Ben\n" + number(702) + ",Cy\n");
        start(id);
        assertThat(tick()).as("a preview campaign places nothing by itself").isZero();
        String campaign = "/api/campaigns/tenants/acme-bank/campaigns/" + id;

        io.restassured.path.json.JsonPath first = as("alice").post(campaign + "/preview/next").then().statusCode(200).extract().jsonPath();
        assertThat(first.getString("phone")).isEqualTo(number(700));
        assertThat(first.getString("fields.name")).isEqualTo("Ann");
        assertThat(first.getString("script")).isEqualTo("Hello, this is Acme Bank");
        assertThat(first.getString("reservedUntil")).isEqualTo(NOON.plusSeconds(120).toString());
        assertThat(as("alice").post(campaign + "/preview/next").then().statusCode(200).extract().path("recordId").toString())
                .as("the agent keeps their record").isEqualTo(first.getString("recordId"));

        as("alice").post(campaign + "/records/" + first.getString("recordId") + "/skip").then().statusCode(204);
        io.restassured.path.json.JsonPath second = as("alice").post(campaign + "/preview/next").then().statusCode(200).extract().jsonPath();
        assertThat(second.getString("phone")).as("a skipped record goes to the back").isEqualTo(number(701));

        // Put on the do-not-call list while reserved: checked again right before the call.
        as("sam").put("/api/campaigns/tenants/acme-bank/do-not-call/" + number(701)).then().statusCode(201);
        as("alice").post(campaign + "/records/" + second.getString("recordId") + "/call").then().statusCode(409);

        io.restassured.path.json.JsonPath third = as("alice").post(campaign + "/preview/next").then().statusCode(200).extract().jsonPath();
        assertThat(third.getString("phone")).isEqualTo(number(702));
        as("bob").post(campaign + "/records/" + third.getString("recordId") + "/call").then().statusCode(403);
        String contactId = as("alice").post(campaign + "/records/" + third.getString("recordId") + "/call").then().statusCode(202)
                .extract().path("contactId");
        as("alice").post(campaign + "/records/" + third.getString("recordId") + "/call").then().statusCode(409);
        relay.drainNow();
        List<CampaignCallRequested> calls = calls(id);
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).contactId()).isEqualTo(contactId);
        assertThat(calls.get(0).agentId()).isEqualTo("alice");
        assertThat(calls.get(0).to().value()).isEqualTo(number(702));

        // The reservation runs out after two minutes: the record is anyone's again.
        clock.advance(Duration.ofSeconds(1));
        io.restassured.path.json.JsonPath fourth = as("alice").post(campaign + "/preview/next").then().statusCode(200).extract().jsonPath();
        assertThat(fourth.getString("phone")).isEqualTo(number(700));
        clock.advance(Duration.ofMinutes(3));
        as("alice").post(campaign + "/records/" + fourth.getString("recordId") + "/call").then().statusCode(409);
    }
}
