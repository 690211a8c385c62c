package io.switchboard.admin;

import static io.switchboard.admin.ConsoleFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.admin.domain.PhoneCredentials;
import io.switchboard.events.PhoneCredentialsConfigured;
import io.switchboard.events.PromptConfigured;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * What callers hear and agents' phones, against real Kafka, PostgreSQL and Keycloak: recordings
 * uploaded as WAV and published as 8 kHz μ-law, IVR menus on a DID, the closed prompt, and phone
 * passwords that leave the console only as digest HA1s on their own topic.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "admin"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(KeycloakAdminClientResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallerSettingsTest extends ConsoleSuite {


    @Test
    void aWavRecordingIsStoredAndPublishedAsEightKilohertzMuLawAndPlaysBack() throws Exception {
        String prompts = "/api/tenants/" + f.tenant + "/prompts/";
        as(f.admin).contentType("audio/wav").body(wav(16_000, 2, 1.5)).queryParam("description", "For billing press 1")
                .put(prompts + "main-menu").then().statusCode(200).body("changed", equalTo(true))
                .body("value.seconds", equalTo(1.5f));
        PromptConfigured published = (PromptConfigured) await(Topics.CONFIG,
                e -> e instanceof PromptConfigured p && p.tenantId().equals(f.tenant) && p.name().equals("main-menu") && p.active());
        assertThat(Base64.getDecoder().decode(published.audio())).hasSizeBetween(11_999, 12_001);
        assertThat(published.description()).isEqualTo("For billing press 1");

        byte[] played = as(f.supervisor).get(prompts + "main-menu/audio").then().statusCode(200)
                .contentType("audio/wav").extract().asByteArray();
        try (AudioInputStream back = AudioSystem.getAudioInputStream(new ByteArrayInputStream(played))) {
            assertThat(back.getFormat().getEncoding()).isEqualTo(AudioFormat.Encoding.ULAW);
            assertThat(back.getFormat().getSampleRate()).isEqualTo(8000f);
            assertThat(back.getFrameLength()).isBetween(11_999L, 12_001L);
        }
        as(f.supervisor).get("/api/tenants/" + f.tenant + "/prompts").then().statusCode(200)
                .body("find { it.name == 'main-menu' }.description", equalTo("For billing press 1"));

        as(f.admin).contentType("audio/wav").body("not a wav file".getBytes()).put(prompts + "broken")
                .then().statusCode(400).body("violations[0].field", equalTo("audio"));
        as(f.admin).contentType("audio/basic").body(new byte[61 * 8000]).put(prompts + "too-long")
                .then().statusCode(400).body("violations[0].message", containsString("at most 60 s"));
        as(f.admin).contentType("audio/basic").body(new byte[8000]).put(prompts + "closed")
                .then().statusCode(400).body("violations[0].message", containsString("built-in"));
        as(f.otherAdmin).contentType("audio/basic").body(new byte[8000]).put(prompts + "sneaky").then().statusCode(403);
        as(f.admin).get("/api/tenants/" + f.tenant + "/prompts").then().body("name", not(hasItem("broken")));
    }

    @Test
    void aDidsMenuAndTheClosedPromptReachTheSnapshotsAndGuardWhatTheyPlay() {
        String t = "/api/tenants/" + f.tenant;
        as(f.admin).contentType("audio/basic").body(new byte[4000]).put(t + "/prompts/welcome-menu").then().statusCode(200);
        as(f.admin).contentType("audio/basic").body(new byte[4000]).put(t + "/prompts/weekend").then().statusCode(200);
        as(f.admin).body(ConsoleFixture.queueBody("Loans", Map.of())).put(t + "/queues/loans-desk").then().statusCode(200);
        Map<String, Object> menu = Map.of("prompt", "welcome-menu",
                "choices", List.of(Map.of("key", "1", "queueId", "general"), Map.of("key", "2", "queueId", "loans-desk")),
                "timeoutSeconds", 6,
                "branches", List.of(Map.of("days", List.of("SATURDAY", "SUNDAY"), "from", "09:00", "until", "13:00",
                        "prompt", "weekend", "queueId", "general")));
        as(f.admin).body(Map.of("channel", "VOICE", "address", "020 7946 0999", "queueId", "general", "ivr", menu))
                .put(t + "/entry-points").then().statusCode(200).body("value.ivr.timeoutSeconds", equalTo(6));
        TenantConfigured tenant = (TenantConfigured) await(Topics.CONFIG, e -> e instanceof TenantConfigured c
                && c.tenantId().equals(f.tenant) && c.entryPoints().stream().anyMatch(p -> p.ivr() != null));
        TenantConfigured.IvrMenu ivr = tenant.entryPoints().stream().filter(p -> p.address().equals("+442079460999")).findFirst()
                .orElseThrow().ivr();
        assertThat(ivr.prompt()).isEqualTo("welcome-menu");
        assertThat(ivr.choices()).containsExactly(new TenantConfigured.IvrChoice("1", "general"),
                new TenantConfigured.IvrChoice("2", "loans-desk"));
        assertThat(ivr.timeoutSeconds()).isEqualTo(6);
        assertThat(ivr.branches()).containsExactly(new TenantConfigured.TimeBranch(List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                LocalTime.of(9, 0), LocalTime.of(13, 0), "weekend", "general"));

        as(f.admin).body(Map.of("channel", "VOICE", "address", "020 7946 0998", "queueId", "general",
                        "ivr", Map.of("prompt", "nowhere", "choices", List.of(Map.of("key", "x", "queueId", "general")))))
                .put(t + "/entry-points").then().statusCode(400)
                .body("violations.field", hasItem("ivr.prompt")).body("violations.field", hasItem("ivr.choices[0].key"));
        as(f.admin).delete(t + "/prompts/weekend").then().statusCode(409).body("detail", containsString("+442079460999"));
        as(f.admin).delete(t + "/queues/loans-desk").then().statusCode(409).body("detail", containsString("+442079460999"));

        Map<String, Object> closed = new java.util.HashMap<>(ConsoleFixture.tenantBody("Tenant " + f.tenant));
        closed.put("closedPrompt", "closed");
        as(f.admin).body(closed).put(t).then().statusCode(200).body("changed", equalTo(true));
        await(Topics.CONFIG, e -> e instanceof QueueConfigured q && q.tenantId().equals(f.tenant) && q.queueId().equals("general")
                && q.businessHours() != null && "closed".equals(q.businessHours().closedPrompt()));
        closed.put("closedPrompt", "no-such-recording");
        as(f.admin).body(closed).put(t).then().statusCode(400).body("violations[0].field", equalTo("closedPrompt"));

        as(f.admin).delete(t + "/entry-points/VOICE/+442079460999").then().statusCode(204);
        as(f.admin).delete(t + "/prompts/weekend").then().statusCode(204);
        await(Topics.CONFIG, e -> e instanceof PromptConfigured p && p.tenantId().equals(f.tenant) && p.name().equals("weekend")
                && !p.active());
        as(f.admin).body(ConsoleFixture.tenantBody("Tenant " + f.tenant)).put(t).then().statusCode(200);
    }

    @Test
    void aPhonePasswordLeavesTheConsoleOnlyAsADigestHa1OnItsOwnTopic() {
        String username = "phone-" + f.suffix;
        String t = "/api/tenants/" + f.tenant;
        as(f.admin).body(AdminConsoleServiceTest.agentBody(List.of(f.tenant), Map.of(), "correct-horse-9"))
                .put(t + "/agents/" + username).then().statusCode(200);
        String password = "a long phone password 7";

        String answer = as(f.admin).body(Map.of("password", password)).put(t + "/phones/" + username)
                .then().statusCode(200).body("agentId", equalTo(username)).body("realm", equalTo("switchboard"))
                .extract().asString();
        String ha1 = PhoneCredentials.ha1(username, "switchboard", password);
        assertThat(answer).doesNotContain(ha1).doesNotContain(password);
        PhoneCredentialsConfigured published = (PhoneCredentialsConfigured) await(Topics.PHONE_CREDENTIALS,
                e -> e instanceof PhoneCredentialsConfigured p && p.agentId().equals(username) && p.active());
        assertThat(published.ha1()).isEqualTo(ha1);
        assertThat(published.realm()).isEqualTo("switchboard");
        // The config topic, which every service reads, carries nothing of the phone (it is read from its start).
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> kafka.awaitEvent(Topics.CONFIG,
                e -> e instanceof PhoneCredentialsConfigured || e.toString().contains(ha1), Duration.ofSeconds(3)))
                .isInstanceOf(AssertionError.class);

        as(f.supervisor).get(t + "/phones").then().statusCode(200).body("agentId", hasItem(username));
        String audit = as(f.admin).get(t + "/audit").then().statusCode(200).extract().asString();
        assertThat(audit).contains("\"entityType\":\"phone\"").doesNotContain(ha1).doesNotContain(password);

        as(f.admin).body(Map.of("password", "short")).put(t + "/phones/" + username)
                .then().statusCode(400).body("violations[0].field", equalTo("password"));
        as(f.otherAdmin).body(Map.of("password", password)).put("/api/tenants/" + f.otherTenant + "/phones/" + username)
                .then().statusCode(404);
        as(f.otherAdmin).body(Map.of("password", password)).put(t + "/phones/" + username).then().statusCode(403);

        // Deleting the agent withdraws the phone: it can no longer register.
        as(f.admin).delete(t + "/agents/" + username).then().statusCode(204);
        await(Topics.PHONE_CREDENTIALS, e -> e instanceof PhoneCredentialsConfigured p && p.agentId().equals(username) && !p.active());
        as(f.supervisor).get(t + "/phones").then().statusCode(200).body("agentId", not(hasItem(username)));
    }

    private SwitchboardEvent await(String topic, java.util.function.Predicate<SwitchboardEvent> matching) {
        return kafka.awaitEvent(topic, matching, WAIT);
    }

    /** A 440 Hz tone as a 16-bit PCM WAV file. */
    private static byte[] wav(int rate, int channels, double seconds) throws Exception {
        int frames = (int) (rate * seconds);
        byte[] pcm = new byte[frames * channels * 2];
        for (int i = 0; i < frames; i++) {
            short sample = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
            for (int c = 0; c < channels; c++) {
                pcm[(i * channels + c) * 2] = (byte) sample;
                pcm[(i * channels + c) * 2 + 1] = (byte) (sample >> 8);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), new AudioFormat(rate, 16, channels, true, false), frames),
                AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }
}
