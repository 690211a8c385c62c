package io.switchboard.fax;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.UUID;

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
import io.switchboard.fax.domain.FaxDocuments;
import io.switchboard.fax.domain.NumberDirectory;
import io.switchboard.service.api.ProblemDetail;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * Fax webhooks per source address: a source over its budget gets 429 with Retry-After before the body
 * is parsed or the signature checked, so its document is never fetched nor stored, and another source
 * is still served. The budget is tiny (2 at once, then one every 1,000 s), and the source is the
 * forwarded address, as behind a load balancer the platform trusts.
 */
@QuarkusTest
@TestProfile(WebhookRateLimitTest.Profile.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "faxrate"))
@WithTestResource(WireMockResource.class)
class WebhookRateLimitTest {

    /** Whole seconds until the next token, at most 1,000 at one every 1,000 s (less once time has passed). */
    private static final Matcher<String> RETRY_AFTER = matchesPattern(Pattern.compile("([1-9][0-9]{0,2}|1000)"));

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "false",
                    "switchboard.fax.webhook-rate.per-second", "0.001", "switchboard.fax.webhook-rate.burst", "2",
                    "quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @Inject
    NumberDirectory directory;
    @Inject
    DataSource dataSource;

    @Test
    void aSourceOverItsBudgetGets429WithRetryAfterAndNothingIsFetchedOrStored() {
        try (KafkaTestClient kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            FaxTestSupport.configureTenants(kafka);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.route(FaxTestSupport.ACME_FAX).isPresent());

        String first = FaxTestSupport.sid();
        String second = FaxTestSupport.sid();
        post("192.0.2.30", first, media()).then().statusCode(200);
        post("192.0.2.30", second, media()).then().statusCode(200);
        String refused = FaxTestSupport.sid();
        String refusedMedia = media();
        post("192.0.2.30", refused, refusedMedia).then()
                .statusCode(429)
                .header("Retry-After", RETRY_AFTER)
                .contentType(ProblemDetail.MEDIA_TYPE)
                .body("status", equalTo(429), "detail", containsString("192.0.2.30"));
        // refused before the body is parsed or the signature checked
        given().header("X-Forwarded-For", "192.0.2.30").contentType("application/x-www-form-urlencoded")
                .body("%%% neither signed nor a form").post(FaxTestSupport.WEBHOOK).then().statusCode(429);
        String other = FaxTestSupport.sid();
        post("192.0.2.31", other, media()).then().statusCode(200);

        assertThat(stored(first) + stored(second) + stored(other)).isEqualTo(3);
        assertThat(stored(refused)).isZero();
        WireMockResource.server().verify(0, getRequestedFor(urlEqualTo(refusedMedia)));
        assertThat(given().get("/q/metrics").then().extract().asString())
                .contains("switchboard_ingress_refused_total{ingress=\"webhook\",reason=\"source-rate\",service=\"fax-channel\"} 2.0");
    }

    private static Response post(String source, String sid, String mediaPath) {
        Map<String, String> form = FaxTestSupport.received(sid, FaxTestSupport.sender(), FaxTestSupport.ACME_FAX, 1,
                "http://127.0.0.1:" + WireMockResource.server().port() + mediaPath);
        return given().header("X-Forwarded-For", source).header("X-Twilio-Signature", FaxTestSupport.signature(FaxTestSupport.TOKEN, form))
                .contentType("application/x-www-form-urlencoded; charset=utf-8").body(FaxTestSupport.encode(form))
                .post(FaxTestSupport.WEBHOOK);
    }

    private static String media() {
        String path = "/fax-media/" + UUID.randomUUID();
        WireMockResource.server().stubFor(get(urlEqualTo(path))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/pdf").withBody(FaxDocuments.pdf(1))));
        return path;
    }

    private int stored(String providerFaxId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM fax WHERE provider_fax_id = ?")) {
            s.setString(1, providerFaxId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
