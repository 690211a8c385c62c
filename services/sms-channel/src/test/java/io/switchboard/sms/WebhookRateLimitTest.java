package io.switchboard.sms;

import static io.restassured.RestAssured.given;
import static io.switchboard.sms.SmsTestSupport.ACME_NUMBER;
import static io.switchboard.sms.SmsTestSupport.customer;
import static io.switchboard.sms.SmsTestSupport.sid;
import static io.switchboard.sms.SmsTestSupport.text;
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
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.service.api.ProblemDetail;
import io.switchboard.sms.domain.NumberDirectory;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * Webhooks per source address: a source over its budget gets 429 with Retry-After before its body is
 * parsed or its signature checked, nothing of it is stored or published, and another source is still
 * served. The budget is tiny (2 at once, then one every 1,000 s), and the source is the forwarded
 * address, as behind a load balancer the platform trusts.
 */
@QuarkusTest
@TestProfile(WebhookRateLimitTest.Profile.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "smsrate"))
class WebhookRateLimitTest {

    /** Whole seconds until the next token, at most 1,000 at one every 1,000 s (less once time has passed). */
    private static final Matcher<String> RETRY_AFTER = matchesPattern(Pattern.compile("([1-9][0-9]{0,2}|1000)"));

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "false",
                    "switchboard.sms.webhook-rate.per-second", "0.001", "switchboard.sms.webhook-rate.burst", "2",
                    "quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    private static final String SMS = "/webhooks/twilio/sms";

    @Inject
    NumberDirectory directory;
    @Inject
    DataSource dataSource;

    @Test
    void aSourceOverItsBudgetGets429WithRetryAfterAndNothingIsStored() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            SmsTestSupport.configureTenants(kafka);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.route(ACME_NUMBER).isPresent());
        String from = customer();

        post("192.0.2.10", text(sid(), from, ACME_NUMBER, "first")).then().statusCode(200);
        post("192.0.2.10", text(sid(), from, ACME_NUMBER, "second")).then().statusCode(200);
        String refusedSid = sid();
        post("192.0.2.10", text(refusedSid, from, ACME_NUMBER, "third, over the budget")).then()
                .statusCode(429)
                .header("Retry-After", RETRY_AFTER)
                .contentType(ProblemDetail.MEDIA_TYPE)
                .body("status", equalTo(429), "detail", containsString("192.0.2.10"));
        // refused before the body is parsed or the signature checked
        given().header("X-Forwarded-For", "192.0.2.10").contentType("application/x-www-form-urlencoded")
                .body("%%% neither signed nor a form").post(SMS)
                .then().statusCode(429);

        post("192.0.2.11", text(sid(), customer(), ACME_NUMBER, "another source")).then().statusCode(200);

        assertThat(count("SELECT count(*) FROM inbound_sms WHERE provider_message_id = ?", refusedSid)).isZero();
        assertThat(SmsTestSupport.contactEvents(bootstrap)).filteredOn(ContactMessageReceived.class::isInstance)
                .extracting(e -> ((ContactMessageReceived) e).text()).contains("first", "second", "another source")
                .doesNotContain("third, over the budget");
        assertThat(given().get("/q/metrics").then().extract().asString())
                .contains("switchboard_ingress_refused_total{ingress=\"webhook\",reason=\"source-rate\",service=\"sms-channel\"} 2.0");
    }

    private static Response post(String source, Map<String, String> form) {
        return given().header("X-Forwarded-For", source).header("X-Twilio-Signature", SmsTestSupport.signature(SMS, form))
                .contentType("application/x-www-form-urlencoded; charset=ISO-8859-1")
                .body(new String(SmsTestSupport.encode(form).getBytes(StandardCharsets.US_ASCII), StandardCharsets.ISO_8859_1))
                .post(SMS);
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
