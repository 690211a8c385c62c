package io.switchboard.customer360;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.CustomerUpdated;
import io.switchboard.events.Direction;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.events.address.Address;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.service.messaging.OutgoingEvents;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * customer360 against a real broker, a real PostgreSQL and real Keycloak tokens. Each test uses its
 * own phone numbers and addresses, so tests share the service without seeing each other.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "customer360"))
@WithTestResource(KeycloakResource.class)
class Customer360ServiceTest {

    private static final String TENANT = "acme-bank";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final URI SOURCE = URI.create("/tests/customer360");

    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        publish(new TenantConfigured(UUID.fromString("00000000-0000-0000-0000-0000000000aa"), TENANT,
                Instant.parse("2026-01-01T00:00:00Z"), "Acme Bank", "Europe/London", "GB", "demo", "general", List.of()));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    // ---- resolution ---------------------------------------------------------------------------------

    @Test
    void oneCustomerAcrossChannelsAndPhoneFormats() {
        String national = randomMobile();
        Address phone = Address.phone(national, "GB");
        ContactCreated sms = contact(Channel.SMS, phone, Map.of());
        publish(sms);
        String customer = awaitCustomer("phone:" + national);

        // A chat visitor who types the same number in another format joins the same customer.
        ContactCreated chat = contact(Channel.CHAT, Address.chatVisitor("v-" + UUID.randomUUID()),
                Map.of("phone", "+44 " + national.substring(1, 5) + " " + national.substring(5), "name", "Jane Doe"));
        publish(chat);
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/customers/{id}", customer).then()
                .statusCode(200)
                .body("identities", hasSize(2))
                .body("displayName", equalTo("Jane Doe")));
        assertThat(lookup("phone:" + phone.value()).getString("[0].id")).isEqualTo(customer);
    }

    @Test
    void strongIdentifiersOfTwoCustomersMergeThem() {
        String mobile = randomMobile();
        String email = "merge-" + UUID.randomUUID() + "@example.com";
        publish(contact(Channel.SMS, Address.phone(mobile, "GB"), Map.of()));
        publish(contact(Channel.EMAIL, Address.email(email), Map.of("email.verified", "true")));
        String byPhone = awaitCustomer("phone:" + mobile);
        String byEmail = awaitCustomer("email:" + email);
        assertThat(byPhone).isNotEqualTo(byEmail);

        publish(contact(Channel.SMS, Address.phone(mobile, "GB"), Map.of("email", email.toUpperCase(), "email.verified", "true")));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(lookup("email:" + email).getString("[0].id")).isEqualTo(byPhone));
        as("alice").get("/api/customers/{id}", byEmail).then().statusCode(200)
                .body("id", equalTo(byPhone))
                .body("mergedCustomerIds", hasSize(1))
                .body("identities", hasSize(2));
        kafka.await(Topics.CUSTOMERS, r -> r.key().equals(byPhone) && type(r.value()).equals(EventType.CUSTOMER_MERGED.type()),
                1, WAIT);
    }

    @Test
    void weakEvidenceOnlySuggestsAndASupervisorDecides() throws Exception {
        String mobile = randomMobile();
        String email = "weak-" + UUID.randomUUID() + "@example.com";
        publish(contact(Channel.SMS, Address.phone(mobile, "GB"), Map.of()));
        publish(contact(Channel.EMAIL, Address.email(email), Map.of()));
        String byPhone = awaitCustomer("phone:" + mobile);
        String byEmail = awaitCustomer("email:" + email);

        // Typed into a pre-chat form: neither the number nor the address is proven.
        ContactCreated chat = contact(Channel.CHAT, Address.chatVisitor("v-" + UUID.randomUUID()),
                Map.of("phone", mobile, "email", email));
        publish(chat);
        JsonPath suggestion = await().atMost(WAIT).until(() -> suggestionFor(byPhone, byEmail), s -> s != null);
        assertThat(lookup("email:" + email).getString("[0].id")).as("not merged").isEqualTo(byEmail);

        Map<String, Object> before = state(byPhone, byEmail);

        as("alice").contentType(ContentType.JSON).body(Map.of("customerId", byEmail, "reason", "same person"))
                .post("/api/customers/{id}/merge", byPhone).then().statusCode(403);
        as("sam").contentType(ContentType.JSON).body(Map.of("customerId", byEmail))
                .post("/api/customers/{id}/merge", byPhone).then().statusCode(400);
        as("sam").contentType(ContentType.JSON).body(Map.of("customerId", byEmail, "reason", "confirmed on the phone"))
                .post("/api/customers/{id}/merge", byPhone).then().statusCode(200)
                .body("id", equalTo(byPhone)).body("mergedCustomerIds[0]", equalTo(byEmail));
        assertThat(suggestionFor(byPhone, byEmail)).as("the suggestion is settled").isNull();
        as("sam").get("/api/customers/{id}/timeline", byEmail).then().statusCode(200)
                .body("items", hasSize(3));

        as("sam").contentType(ContentType.JSON).body(Map.of("customerId", byPhone, "reason", "wrong"))
                .post("/api/customers/{id}/unmerge", byPhone).then().statusCode(409);
        as("sam").contentType(ContentType.JSON).body(Map.of("customerId", byEmail, "reason", "different people after all"))
                .post("/api/customers/{id}/unmerge", byPhone).then().statusCode(200).body("", hasSize(2));

        assertThat(state(byPhone, byEmail)).as("unmerge restores both customers exactly").isEqualTo(before);
        JsonPath export = as("sam").get("/api/customers/{id}/export", byPhone).then().statusCode(200).extract().jsonPath();
        assertThat(export.getList("audit.action", String.class)).containsExactly("MERGE", "UNMERGE");
        assertThat(export.getList("audit.actor", String.class)).containsOnly("sam");
        assertThat(suggestion.getString("evidence.other.value")).isNotBlank();
    }

    // ---- history ------------------------------------------------------------------------------------

    @Test
    void timelinePagesNewestFirstAndFiltersByChannel() {
        String mobile = randomMobile();
        Address phone = Address.phone(mobile, "GB");
        Instant start = Instant.parse("2026-11-01T09:00:00Z");
        ContactCreated call = contact(Channel.VOICE, phone, Map.of(), start);
        // Routing's assignment overtakes the contact (another topic): it waits unlinked, then joins.
        publish(new ContactAssigned(UUID.randomUUID(), TENANT, start.plusSeconds(20), call.contactId(), Channel.VOICE,
                "general", "alice", "offer-1"));
        publish(call);
        ContactCreated sms = contact(Channel.SMS, phone, Map.of(), start.plusSeconds(60));
        publish(sms);
        for (int i = 0; i < 5; i++) {
            publish(new ContactMessageReceived(UUID.randomUUID(), TENANT, start.plusSeconds(61 + i), sms.contactId(),
                    "m" + i, Channel.SMS, phone, "message " + i, List.of(), Map.of()));
        }
        String customer = awaitCustomer("phone:" + mobile);
        await().atMost(WAIT).untilAsserted(() -> as("bob").get("/api/customers/{id}/timeline?limit=100", customer)
                .then().body("items", hasSize(8)));

        List<String> kinds = new ArrayList<>();
        String cursor = null;
        do {
            var request = as("bob").queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/customers/{id}/timeline", customer).then().statusCode(200).extract().jsonPath();
            kinds.addAll(page.getList("items.kind", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(kinds).containsExactly("MESSAGE_RECEIVED", "MESSAGE_RECEIVED", "MESSAGE_RECEIVED", "MESSAGE_RECEIVED",
                "MESSAGE_RECEIVED", "CONTACT_STARTED", "ASSIGNED", "CONTACT_STARTED");

        as("bob").queryParam("channel", "voice").get("/api/customers/{id}/timeline", customer).then().statusCode(200)
                .body("items.kind", equalTo(List.of("ASSIGNED", "CONTACT_STARTED")))
                .body("items[0].details.agentId", equalTo("alice"));
    }

    @Test
    void aReplayedTopicChangesNothing() throws Exception {
        String mobile = randomMobile();
        Address phone = Address.phone(mobile, "GB");
        List<SwitchboardEvent> events = new ArrayList<>();
        ContactCreated sms = contact(Channel.SMS, phone, Map.of("email", "replay-" + UUID.randomUUID() + "@example.com"));
        events.add(sms);
        events.add(new ContactMessageReceived(UUID.randomUUID(), TENANT, sms.occurredAt(), sms.contactId(), "m1",
                Channel.SMS, phone, "hello", List.of(), Map.of()));
        events.forEach(this::publish);
        String customer = awaitCustomer("phone:" + mobile);
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/customers/{id}/timeline", customer)
                .then().body("items", hasSize(2)));
        Map<String, Long> counts = tableCounts();

        events.forEach(this::publish);
        awaitConsumed();
        assertThat(tableCounts()).isEqualTo(counts);
    }

    // ---- privacy ------------------------------------------------------------------------------------

    @Test
    void eraseLeavesNoPersonalDataInAnyTable() throws Exception {
        String mobile = randomMobile();
        Address phone = Address.phone(mobile, "GB");
        String email = "erase-" + UUID.randomUUID() + "@example.com";
        String secret = "my account number is " + UUID.randomUUID();
        ContactCreated sms = contact(Channel.SMS, phone, Map.of("name", "Erin Erasable", "email", email, "email.verified", "true"));
        publish(sms);
        publish(new ContactMessageReceived(UUID.randomUUID(), TENANT, sms.occurredAt(), sms.contactId(), "m1",
                Channel.SMS, phone, secret, List.of(), Map.of()));
        publish(contact(Channel.EMAIL, Address.email("other-" + email), Map.of()));
        String customer = awaitCustomer("phone:" + mobile);
        String other = awaitCustomer("email:other-" + email);
        as("sam").contentType(ContentType.JSON).body(Map.of("customerId", other, "reason", "Erin Erasable's second address"))
                .post("/api/customers/{id}/merge", customer).then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/customers/{id}/timeline", customer)
                .then().body("items", hasSize(3)));

        as("sam").delete("/api/customers/{id}", customer).then().statusCode(403);
        as("ada").delete("/api/customers/{id}", customer).then().statusCode(204);
        as("ada").get("/api/customers/{id}", customer).then().statusCode(404);

        for (String personal : List.of(phone.value(), email, "Erin Erasable", secret)) {
            assertThat(tablesContaining(personal)).as("tables still holding '%s'", personal).isEmpty();
        }
        try (Connection db = ServiceDatabase.open(); Statement sql = db.createStatement();
                ResultSet audit = sql.executeQuery("SELECT action, actor FROM audit_entry WHERE customer_id = '" + customer
                        + "' AND action = 'ERASE'")) {
            assertThat(audit.next()).as("an audit record of the erasure").isTrue();
            assertThat(audit.getString("actor")).isEqualTo("ada");
        }
    }

    // ---- security and bad input ---------------------------------------------------------------------

    @Test
    void everyEndpointChecksTokenRoleAndTenant() {
        String mobile = randomMobile();
        publish(contact(Channel.SMS, Address.phone(mobile, "GB"), Map.of()));
        String customer = awaitCustomer("phone:" + mobile);

        given().get("/api/customers/{id}", customer).then().statusCode(401);
        given().get("/api/merge-suggestions").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/api/customers/{id}", customer).then().statusCode(401);

        as("dave").get("/api/customers/{id}", customer).then().statusCode(404);
        as("dave").get("/api/customers/{id}/timeline", customer).then().statusCode(404);
        as("dave").queryParam("identifier", "phone:" + mobile).queryParam("tenant", TENANT)
                .get("/api/customers").then().statusCode(403);
        as("gina").get("/api/customers/{id}/export", customer).then().statusCode(404);
        as("alice").get("/api/customers/{id}/export", customer).then().statusCode(403);
        as("alice").delete("/api/customers/{id}", customer).then().statusCode(403);
        as("carol").get("/api/customers/{id}", customer).then().statusCode(200);
        as("carol").queryParam("identifier", "phone:" + mobile).get("/api/customers").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("?tenant="));
        as("alice").get("/api/merge-suggestions").then().statusCode(200);
        as("alice").post("/api/merge-suggestions/{id}/dismiss", UUID.randomUUID()).then().statusCode(403);
    }

    @Test
    void badInputGetsAProblemWithAReason() {
        as("alice").queryParam("identifier", "fax:123").get("/api/customers").then().statusCode(400)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("fax"));
        as("alice").queryParam("identifier", "phone:call me").get("/api/customers").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("letters"));
        as("alice").queryParam("identifier", "email:nobody-" + UUID.randomUUID() + "@example.com").get("/api/customers")
                .then().statusCode(200).body("", hasSize(0));
        as("alice").get("/api/customers/{id}/timeline?cursor=garbage", UUID.randomUUID()).then().statusCode(400);
        as("alice").get("/api/customers/{id}/timeline?limit=0", UUID.randomUUID()).then().statusCode(400);
        as("alice").get("/api/customers/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        as("alice").contentType(ContentType.JSON).body(Map.of()).patch("/api/customers/{id}", UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void agentsEditTheProfileAndTheSnapshotIsPublished() {
        String mobile = randomMobile();
        publish(contact(Channel.VOICE, Address.phone(mobile, "GB"), Map.of()));
        String customer = awaitCustomer("phone:" + mobile);
        as("alice").contentType(ContentType.JSON).body(Map.of()).patch("/api/customers/{id}", customer)
                .then().statusCode(400);
        as("alice").contentType(ContentType.JSON)
                .body(Map.of("displayName", "Victor Important", "vip", true, "notes", "prefers mornings"))
                .patch("/api/customers/{id}", customer).then().statusCode(200)
                .body("vip", equalTo(true)).body("displayName", equalTo("Victor Important"));
        var snapshots = kafka.await(Topics.CUSTOMERS, r -> r.key().equals(customer)
                && new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains("Victor Important"), 1, WAIT);
        assertThat(new String(snapshots.get(0).value(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"vip\":true");
    }

    @Test
    void laterContactsFillTheProfileAndStrengthenIdentitiesButNeverOverwrite() {
        String mobile = randomMobile();
        Address phone = Address.phone(mobile, "GB");
        // A phone typed into the chat form is weak evidence.
        publish(contact(Channel.CHAT, Address.chatVisitor("v-" + UUID.randomUUID()), Map.of("phone", mobile)));
        String customer = awaitCustomer("phone:" + mobile);
        assertThat(lookup("phone:" + mobile).getString("[0].displayName")).isNull();
        assertThat(lookup("phone:" + mobile).getBoolean("[0].identities.find { it.value == '" + phone.value() + "' }.strong"))
                .isFalse();

        // The same number texting in proves it, and brings the first name the customer gave.
        publish(contact(Channel.SMS, phone, Map.of("name", "Nora Late")));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath found = lookup("phone:" + mobile);
            assertThat(found.getString("[0].id")).isEqualTo(customer);
            assertThat(found.getString("[0].displayName")).isEqualTo("Nora Late");
            assertThat(found.getBoolean("[0].identities.find { it.value == '" + phone.value() + "' }.strong")).isTrue();
        });
        kafka.await(Topics.CUSTOMERS, r -> r.key().equals(customer)
                && new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains("Nora Late"), 1, WAIT);

        publish(contact(Channel.SMS, phone, Map.of("name", "Somebody Else")));
        awaitConsumed();
        assertThat(lookup("phone:" + mobile).getString("[0].displayName")).as("a known name is kept").isEqualTo("Nora Late");
    }

    // ---- traces -------------------------------------------------------------------------------------

    @Test
    void aContactsTraceContinuesIntoTheCustomerEventsItCauses() throws Exception {
        String mobile = randomMobile();
        String email = "trace-" + UUID.randomUUID() + "@example.com";
        // Each output carries the input's trace id in its header and in its CloudEvent extension (the
        // test profile's SDK does not export, but its spans are real: the outputs carry the span's id).
        String byHeader = traceparent();
        ContactCreated sms = contact(Channel.SMS, Address.phone(mobile, "GB"), Map.of());
        // As a channel publishes it with tracing on: the header (SmallRye's), the extension absent.
        kafka.send(Topics.CONTACTS, sms.contactId(), EventCodec.encode(sms, SOURCE),
                Map.of("content-type", OutgoingEvents.CONTENT_TYPE, "traceparent", byHeader));
        String byPhone = awaitCustomer("phone:" + mobile);
        assertThat(tracesOf(awaitCustomerEvent(byPhone, "customer.updated", byHeader))).containsOnly(traceIdOf(byHeader));

        // An outside producer that sets only the CloudEvent extension is followed too.
        String byExtension = traceparent();
        ContactCreated mail = contact(Channel.EMAIL, Address.email(email), Map.of("email.verified", "true"));
        kafka.send(Topics.CONTACTS, mail.contactId(), EventCodec.encode(mail, SOURCE, byExtension),
                Map.of("content-type", OutgoingEvents.CONTENT_TYPE));
        String byEmail = awaitCustomer("email:" + email);
        assertThat(tracesOf(awaitCustomerEvent(byEmail, "customer.updated", byExtension))).containsOnly(traceIdOf(byExtension));

        // The contact that proves both are one person: the merge and the survivor's snapshot are its.
        String merging = traceparent();
        ContactCreated both = contact(Channel.SMS, Address.phone(mobile, "GB"), Map.of("email", email, "email.verified", "true"));
        kafka.send(Topics.CONTACTS, both.contactId(), EventCodec.encode(both, SOURCE, traceparent()),
                Map.of("content-type", OutgoingEvents.CONTENT_TYPE, "traceparent", merging));
        assertThat(tracesOf(awaitCustomerEvent(byPhone, "customer.merged", merging))).containsOnly(traceIdOf(merging));
        assertThat(tracesOf(awaitCustomerEvent(byPhone, "customer.updated", merging))).containsOnly(traceIdOf(merging));

        // A contact that only fills the profile: the snapshot with the name is its.
        String filling = traceparent();
        ContactCreated named = contact(Channel.SMS, Address.phone(mobile, "GB"), Map.of("name", "Tracy Trace"));
        kafka.send(Topics.CONTACTS, named.contactId(), EventCodec.encode(named, SOURCE),
                Map.of("content-type", OutgoingEvents.CONTENT_TYPE, "traceparent", filling));
        ConsumerRecord<String, byte[]> filled = awaitCustomerEvent(byPhone, "customer.updated", filling);
        assertThat(new String(filled.value(), java.nio.charset.StandardCharsets.UTF_8)).contains("Tracy Trace");
        assertThat(tracesOf(filled)).containsOnly(traceIdOf(filling));
    }

    @Test
    void aRowWrittenBeforeACrashIsPublishedWithItsTrace() throws Exception {
        // What a previous instance wrote and did not publish: the relay sends it as it stands.
        String trace = traceparent();
        String customer = UUID.randomUUID().toString();
        CustomerUpdated snapshot = new CustomerUpdated(UUID.randomUUID(), TENANT, Instant.now(), customer, null, null,
                false, null, List.of(), false);
        try (Connection db = ServiceDatabase.open(); var insert = db.prepareStatement(
                "INSERT INTO outbox (id, topic, record_key, payload, traceparent) VALUES (?, ?, ?, ?, ?)")) {
            insert.setObject(1, snapshot.eventId());
            insert.setString(2, Topics.CUSTOMERS);
            insert.setString(3, customer);
            insert.setBytes(4, EventCodec.encode(snapshot, URI.create("/services/customer360"), trace));
            insert.setString(5, trace);
            insert.executeUpdate();
        }
        assertThat(tracesOf(awaitCustomerEvent(customer, "customer.updated", trace))).containsOnly(traceIdOf(trace));
    }

    /** A fresh W3C traceparent, as a sampled upstream span would send it. */
    private static String traceparent() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        return "00-" + traceId + "-" + traceId.substring(0, 16) + "-01";
    }

    private static String traceIdOf(String traceparent) {
        return traceparent == null || traceparent.length() < 35 ? null : traceparent.substring(3, 35);
    }

    private static String header(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader("traceparent");
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The record of {@code customerId} of the kind ({@code customer.updated}) whose header is in the trace of {@code traceparent}. */
    private ConsumerRecord<String, byte[]> awaitCustomerEvent(String customerId, String kind, String traceparent) {
        String type = "io.switchboard." + kind + ".v1";
        String traceId = traceIdOf(traceparent);
        try {
            return kafka.await(Topics.CUSTOMERS, r -> r.key().equals(customerId) && type(r.value()).equals(type)
                    && traceId.equals(traceIdOf(header(r))), 1, WAIT).get(0);
        } catch (AssertionError e) {
            List<String> seen = kafka.await(Topics.CUSTOMERS, r -> r.key().equals(customerId) && type(r.value()).equals(type),
                    1, Duration.ofSeconds(5)).stream().map(r -> header(r) + " / " + tracesOf(r)).toList();
            throw new AssertionError("no " + kind + " of " + customerId + " in trace " + traceId + "; saw " + seen, e);
        }
    }

    /** The trace ids of the record's {@code traceparent} header and of its CloudEvent's extension. */
    private static List<String> tracesOf(ConsumerRecord<String, byte[]> record) {
        var envelope = ((DecodeResult.Decoded) EventCodec.decode(record.value())).envelope();
        Object extension = envelope.getExtension(EventCodec.TRACEPARENT_EXTENSION);
        assertThat(header(record)).as("header and extension carry the same context").isEqualTo(String.valueOf(extension));
        return java.util.Arrays.asList(traceIdOf(header(record)), traceIdOf(extension == null ? null : extension.toString()));
    }

    @Test
    void whatItCannotTakeIsDeadLetteredWithTheFieldAtFaultAndThePartitionGoesOn() throws Exception {
        String national = randomMobile();
        ContactCreated refused = contact(Channel.SMS, Address.phone(national, "GB"), Map.of());
        var broken = (com.fasterxml.jackson.databind.node.ObjectNode) io.switchboard.events.codec.EventJson.mapper()
                .readTree(EventCodec.encode(refused, SOURCE));
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("data")).remove("priority");
        kafka.send(Topics.CONTACTS, refused.contactId(), io.switchboard.events.codec.EventJson.mapper().writeValueAsBytes(broken));
        // The next contact on the same key, so the same partition, is applied.
        ContactCreated next = new ContactCreated(UUID.randomUUID(), TENANT, refused.occurredAt(), refused.contactId(), Channel.SMS,
                Direction.INBOUND, "entry", Address.phone(national, "GB"), null, Map.of(), "subject", "again", List.of(), "en", 0, Map.of());
        publish(next);

        var letters = kafka.await(Topics.DEAD_LETTER, r -> refused.contactId().equals(r.key())
                && "customer360/ContactHistoryConsumer".equals(header(r, io.switchboard.service.messaging.DeadLetter.CONSUMER)), 1, WAIT);
        assertThat(header(letters.get(0), io.switchboard.service.messaging.DeadLetter.REASON)).isEqualTo("SCHEMA_VIOLATION");
        assertThat(header(letters.get(0), io.switchboard.service.messaging.DeadLetter.FIELD)).isEqualTo("priority");
        assertThat(header(letters.get(0), io.switchboard.service.messaging.DeadLetter.TOPIC)).isEqualTo(Topics.CONTACTS);
        String customer = awaitCustomer("phone:" + national);
        // Only the contact that fits its schema is on the customer's timeline.
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/customers/{id}/timeline", customer).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].kind", equalTo("CONTACT_STARTED")));
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString(
                "switchboard_refusals_total{consumer=\"customer360/ContactHistoryConsumer\",reason=\"SCHEMA_VIOLATION\""));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** Waits until the service has committed everything on the contacts and routing topics. */
    private static void awaitConsumed() {
        var config = ConfigProvider.getConfig();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.getValue("kafka.bootstrap.servers", String.class)))) {
            await().atMost(WAIT).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("switchboard-customer360")
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                return !committed.isEmpty() && committed.entrySet().stream()
                        .allMatch(e -> e.getValue().offset() >= ends.get(e.getKey()).offset());
            });
        }
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }

    private void publish(SwitchboardEvent event) {
        String topic = EventType.of(event).topic();
        // With the content-type header every producer of the platform sets (OutgoingEvents).
        kafka.send(topic, event.subject(), EventCodec.encode(event, SOURCE), Map.of("content-type", OutgoingEvents.CONTENT_TYPE));
    }

    private static ContactCreated contact(Channel channel, Address from, Map<String, String> hints) {
        return contact(channel, from, hints, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private static ContactCreated contact(Channel channel, Address from, Map<String, String> hints, Instant at) {
        return new ContactCreated(UUID.randomUUID(), TENANT, at, "c-" + UUID.randomUUID(), channel, Direction.INBOUND,
                "entry", from, null, hints, "subject", "first words", List.of(), "en", 0, Map.of());
    }

    /** A UK mobile number nobody else in the run uses, in national format. */
    private static String randomMobile() {
        return "07400" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    private static JsonPath lookup(String identifier) {
        return as("alice").queryParam("identifier", identifier).get("/api/customers").then().statusCode(200)
                .extract().jsonPath();
    }

    private static String awaitCustomer(String identifier) {
        // A national number is read with the tenant's region, which a fresh service learns from the configuration
        // @BeforeEach publishes: until it has, the lookup is a 400, so that is waited out like a missing customer.
        return await().atMost(WAIT).ignoreExceptionsInstanceOf(AssertionError.class)
                .until(() -> lookup(identifier).getString("[0].id"), id -> id != null);
    }

    private static JsonPath suggestionFor(String a, String b) {
        JsonPath all = as("sam").get("/api/merge-suggestions").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> list = all.getList("");
        for (int i = 0; i < list.size(); i++) {
            String c = all.getString("[" + i + "].customerId");
            String o = all.getString("[" + i + "].otherCustomerId");
            if (List.of(a, b).contains(c) && List.of(a, b).contains(o)) {
                return new JsonPath(all.prettify()).setRootPath("[" + i + "]");
            }
        }
        return null;
    }

    private static String type(byte[] cloudEvent) {
        return new JsonPath(new String(cloudEvent, java.nio.charset.StandardCharsets.UTF_8)).getString("type");
    }

    /** Both customers as the API shows them, and every row that belongs to them. */
    private Map<String, Object> state(String a, String b) throws SQLException {
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        for (String id : List.of(a, b)) {
            state.put("api:" + id, as("sam").get("/api/customers/{id}", id).then().statusCode(200).extract().asString());
            state.put("timeline:" + id, as("sam").get("/api/customers/{id}/timeline", id).then().extract().asString());
        }
        state.put("rows", rows("SELECT id, root_id, merged_into, display_name, language, vip, notes FROM customer WHERE id IN ('"
                + a + "','" + b + "') ORDER BY id")
                + rows("SELECT customer_id, kind, value, strong FROM identity WHERE customer_id IN ('" + a + "','" + b
                        + "') ORDER BY value")
                + rows("SELECT id, customer_id FROM timeline_entry WHERE customer_id IN ('" + a + "','" + b + "') ORDER BY id"));
        return state;
    }

    private String rows(String query) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection db = ServiceDatabase.open(); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    text.append(rs.getString(i)).append('|');
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    private Map<String, Long> tableCounts() throws SQLException {
        Map<String, Long> counts = new java.util.HashMap<>();
        try (Connection db = ServiceDatabase.open(); Statement sql = db.createStatement()) {
            for (String table : List.of("customer", "identity", "timeline_entry", "contact_link", "processed_event")) {
                try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** Every table of the schema whose rows, read as text, contain {@code value}. */
    private List<String> tablesContaining(String value) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection db = ServiceDatabase.open(); Statement sql = db.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'customer360' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            assertThat(names).contains("customer", "identity", "timeline_entry", "audit_entry", "merge_suggestion", "outbox");
            for (String table : names) {
                String query = "outbox".equals(table)
                        ? "SELECT count(*) FROM outbox t WHERE position(convert_to(?, 'UTF8') in t.payload) > 0"
                        : "SELECT count(*) FROM " + table + " t WHERE t::text ILIKE '%' || ? || '%'";
                try (var statement = db.prepareStatement(query)) {
                    statement.setString(1, value);
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            tables.add(table);
                        }
                    }
                }
            }
        }
        return tables;
    }

    /** The realm signs tokens for other applications too: only those minted for switchboard-api are taken. */
    @Test
    void aTokenMintedForAnotherClientOfTheRealmIsRefused() {
        String path = "/api/customers/00000000-0000-4000-8000-000000000001";
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().accessToken("alice")).get(path)
                .then().statusCode(org.hamcrest.Matchers.not(401));
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().foreignClientToken("alice")).get(path)
                .then().statusCode(401);
    }
}
