package io.switchboard.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.service.api.ProblemDetail;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class ServiceBaseTest {

    private static final String IN = "switchboard.test.probe-in.v1";
    private static final String OUT = "switchboard.test.probe-out.v1";

    @Test
    void aMissingResourceIsAProblemWithTheReason() {
        given().get("/api/probe/things/42")
                .then().statusCode(404)
                .contentType(ProblemDetail.MEDIA_TYPE)
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("detail", equalTo("no thing with id 42"))
                .body("instance", equalTo("/api/probe/things/42"));
    }

    @Test
    void invalidBodiesNameTheFailingFields() {
        given().contentType("application/json").body("{\"name\":\"\",\"proficiency\":9}")
                .post("/api/probe/greetings")
                .then().statusCode(400)
                .contentType(ProblemDetail.MEDIA_TYPE)
                .body("violations.field", hasItem("name"))
                .body("violations.field", hasItem("proficiency"));
    }

    @Test
    void unreadableJsonIsABadRequestNotAServerError() {
        given().contentType("application/json").body("{\"name\":")
                .post("/api/probe/greetings")
                .then().statusCode(400)
                .contentType(ProblemDetail.MEDIA_TYPE)
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void unexpectedFailuresNeverLeakInternals() {
        given().get("/api/probe/boom")
                .then().statusCode(500)
                .contentType(ProblemDetail.MEDIA_TYPE)
                .body(not(containsString("secret internal detail")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void unknownPathsAreProblemsToo() {
        given().get("/api/nothing-here").then().statusCode(404).contentType(ProblemDetail.MEDIA_TYPE);
    }

    @Test
    void healthAndMetricsAreServed() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    /**
     * A channel reads the configuration topic to its end before it says it is ready, also when no
     * tenant exists yet (a fresh platform configures its tenants only after its services are up).
     */
    @Test
    void aChannelIsReadyOnceItReadTheConfigurationTopicEvenAnEmptyOne() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'entry-points' }.status", equalTo("UP")));
        assertThat(io.quarkus.arc.Arc.container().instance(io.switchboard.service.probe.ProbeDirectory.class).get().loaded()).isTrue();
    }

    @Test
    void eventsFlowThroughKafkaWithTheTraceAndBadRecordsAreSkipped() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        var event = io.switchboard.testing.SampleEvents.contactCreated(UUID.randomUUID().toString());
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parent = "00-" + traceId + "-" + "b7ad6b7169203331" + "-01";
        try (KafkaTestClient client = new KafkaTestClient(bootstrap)) {
            // A bad record first, on the same key and so the same partition: it must not block the good one.
            client.send(IN, event.subject(), "{not a cloud event".getBytes(StandardCharsets.UTF_8));
            client.send(IN, event.subject(), EventCodec.encode(event, URI.create("/test"), null), Map.of("traceparent", parent));

            ConsumerRecord<String, byte[]> relayed = client.await(OUT, r -> event.subject().equals(r.key()), 1,
                    Duration.ofSeconds(30)).get(0);

            DecodeResult decoded = EventCodec.decode(relayed.value());
            assertThat(decoded).isInstanceOf(DecodeResult.Decoded.class);
            DecodeResult.Decoded ok = (DecodeResult.Decoded) decoded;
            assertThat(ok.event()).isEqualTo(event);
            String header = new String(relayed.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
            assertThat(header).as("the Kafka header continues the incoming trace").contains(traceId);
            assertThat(String.valueOf(ok.envelope().getExtension("traceparent")))
                    .as("the CloudEvent extension carries the same trace").contains(traceId);
        }
    }
}
