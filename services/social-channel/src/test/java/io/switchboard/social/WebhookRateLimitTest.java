package io.switchboard.social;

import static io.restassured.RestAssured.given;
import static io.switchboard.social.Fixture.APP_SECRET;
import static io.switchboard.social.Fixture.BOT;
import static io.switchboard.social.Fixture.WHATSAPP;
import static io.switchboard.social.Fixture.unique;
import static io.switchboard.social.Fixture.waId;
import static io.switchboard.social.Fixture.whatsappText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.switchboard.events.address.SocialAccount;
import io.switchboard.service.api.ProblemDetail;
import io.switchboard.social.domain.AccountDirectory;
import io.switchboard.social.domain.Signatures;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * Webhooks per source address: a source over its budget gets 429 with Retry-After before the body is
 * parsed or the signature checked, on Meta's and Telegram's webhooks alike, nothing of it is stored or
 * published, and another source is still served. The budget is tiny (2 at once, then one every
 * 1,000 s), and the source is the forwarded address, as behind a load balancer the platform trusts.
 */
@QuarkusTest
@TestProfile(WebhookRateLimitTest.Profile.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "socialrate"))
@WithTestResource(WireMockPlatforms.class)
class WebhookRateLimitTest {

    /** Whole seconds until the next token, at most 1,000 at one every 1,000 s (less once time has passed). */
    private static final Matcher<String> RETRY_AFTER = matchesPattern(Pattern.compile("([1-9][0-9]{0,2}|1000)"));

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "false",
                    "switchboard.social.webhook-rate.per-second", "0.001", "switchboard.social.webhook-rate.burst", "2",
                    "quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @Inject
    AccountDirectory directory;
    @Inject
    DataSource dataSource;

    @Test
    void aSourceOverItsBudgetGets429WithRetryAfterAndNothingIsStored() throws Exception {
        try (Fixture f = new Fixture()) {
            f.configureTenants();
            await().atMost(Duration.ofSeconds(30)).until(() -> directory.lookup(SocialAccount.parse("whatsapp:" + WHATSAPP)).isPresent());
            String wa = waId();

            postMeta("192.0.2.20", whatsappText(WHATSAPP, wa, "Jane", unique("wamid.a"), Instant.now(), "first")).then().statusCode(200);
            postMeta("192.0.2.20", whatsappText(WHATSAPP, wa, "Jane", unique("wamid.b"), Instant.now(), "second")).then().statusCode(200);
            String refused = unique("wamid.refused");
            postMeta("192.0.2.20", whatsappText(WHATSAPP, wa, "Jane", refused, Instant.now(), "third")).then()
                    .statusCode(429)
                    .header("Retry-After", RETRY_AFTER)
                    .contentType(ProblemDetail.MEDIA_TYPE)
                    .body("status", equalTo(429), "detail", containsString("192.0.2.20"));
            // refused before the body is parsed or the secret checked, on every webhook of the service
            given().header("X-Forwarded-For", "192.0.2.20").contentType("application/json").body("{not json")
                    .post("/webhooks/telegram/" + BOT).then().statusCode(429).header("Retry-After", RETRY_AFTER);

            String sentinel = unique("wamid.sentinel");
            postMeta("192.0.2.21", whatsappText(WHATSAPP, waId(), "Sentinel", sentinel, Instant.now(), "another source"))
                    .then().statusCode(200);

            assertThat(count("SELECT count(*) FROM inbound_message WHERE provider_message_id = ?", refused)).isZero();
            assertThat(f.contactsUntil(sentinel)).noneMatch(record -> record.contains(refused));
            assertThat(given().get("/q/metrics").then().extract().asString())
                    .contains("switchboard_ingress_refused_total{ingress=\"webhook\",reason=\"source-rate\",service=\"social-channel\"} 2.0");
        }
    }

    private static Response postMeta(String source, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return given().header("X-Forwarded-For", source).contentType("application/json")
                .header("X-Hub-Signature-256", Signatures.metaSignature(APP_SECRET, bytes)).body(bytes).post("/webhooks/meta");
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
