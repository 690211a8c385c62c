package io.switchboard.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.AgentConfigured;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.ContactQueued;
import io.switchboard.events.ContactRejected;
import io.switchboard.events.Direction;
import io.switchboard.events.EventType;
import io.switchboard.events.OfferAnswered;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.QueueStatsReported;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.service.messaging.DeadLetter;
import io.switchboard.events.address.Address;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.postgres.PostgresDatabaseResource;
import io.switchboard.routing.messaging.OutboxRelay;
import io.switchboard.routing.persistence.RoutingStore;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "routing"))
@WithTestResource(KeycloakResource.class)
class RoutingServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private KafkaTestClient kafka;
    private String tenant;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        KeycloakServer.shared().createUser("sup-" + tenant, List.of("supervisor"), List.of(tenant));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aContactIsQueuedOfferedAndAssignedWhenTheAgentAccepts() {
        configureTenant();
        available("agent-1");
        ContactCreated contact = chat("widget-" + tenant);
        publish(Topics.CONTACTS, contact);

        ContactQueued queued = awaitEvent(ContactQueued.class, e -> e.contactId().equals(contact.contactId()));
        assertThat(queued.queueId()).isEqualTo("billing-" + tenant);
        ContactOffered offer = awaitEvent(ContactOffered.class, e -> e.contactId().equals(contact.contactId()));
        assertThat(offer.agentId()).isEqualTo("agent-1-" + tenant);
        assertThat(offer.expiresAt()).isAfter(offer.occurredAt());

        publish(Topics.AGENTS, new OfferAnswered(UUID.randomUUID(), tenant, now(), offer.agentId(), contact.contactId(),
                offer.offerId(), OfferAnswered.Answer.ACCEPTED));
        ContactAssigned assigned = awaitEvent(ContactAssigned.class, e -> e.contactId().equals(contact.contactId()));
        assertThat(assigned.agentId()).isEqualTo(offer.agentId());
        assertThat(assigned.tenantId()).isEqualTo(tenant);
    }

    @Test
    void theContactsTraceContinuesThroughRoutingsDecisions() {
        configureTenant();
        available("agent-1");
        ContactCreated contact = chat("widget-" + tenant);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        // As a channel publishes it with tracing on: the Kafka header (the CloudEvent extension says the same).
        kafka.send(Topics.CONTACTS, contact.contactId(), EventCodec.encode(contact, URI.create("/tests"), "00-" + traceId + "-00f067aa0ba902b7-01"),
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        for (Class<? extends SwitchboardEvent> decided : List.of(ContactQueued.class, ContactOffered.class)) {
            ConsumerRecord<String, byte[]> record = kafka.await(Topics.ROUTING, r -> contact.contactId().equals(r.key())
                    && decoded(r).filter(decided::isInstance).isPresent(), 1, WAIT).get(0);
            assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII))
                    .as(decided.getSimpleName() + " continues the contact's trace").startsWith("00-" + traceId + "-");
            var envelope = ((DecodeResult.Decoded) EventCodec.decode(record.value())).envelope();
            assertThat(String.valueOf(envelope.getExtension("traceparent"))).startsWith("00-" + traceId + "-");
        }

        // An outside producer that sets only the CloudEvent extension is followed too.
        ContactCreated plain = chat("widget-" + tenant);
        String otherTrace = UUID.randomUUID().toString().replace("-", "");
        kafka.send(Topics.CONTACTS, plain.contactId(), EventCodec.encode(plain, URI.create("/tests"), "00-" + otherTrace + "-00f067aa0ba902b7-01"));
        ConsumerRecord<String, byte[]> queued = kafka.await(Topics.ROUTING, r -> plain.contactId().equals(r.key())
                && decoded(r).filter(ContactQueued.class::isInstance).isPresent(), 1, WAIT).get(0);
        assertThat(new String(queued.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII))
                .startsWith("00-" + otherTrace + "-");
    }

    @Inject
    OutboxRelay relay;

    /**
     * The relay publishes what the processor hands it and reads the table only when told (start,
     * assignment, failure). A row left in the table (committed, never published: an instance killed
     * in between) is published by that read, deleted, and not published again when the same row is
     * also handed over afterwards (a handoff that raced the read).
     */
    @Test
    void aRowLeftInTheOutboxIsPublishedOnceByTheTableRead() throws Exception {
        configureTenant();
        ContactCreated first = chat("widget-" + tenant);
        publish(Topics.CONTACTS, first);
        awaitEvent(ContactQueued.class, e -> e.contactId().equals(first.contactId()));

        ContactCreated left = chat("widget-" + tenant);
        List<RoutingStore.OutboxRow> rows;
        try (Connection connection = store.connect()) {
            rows = store.addToOutbox(connection, List.of(new RoutingStore.OutboxInsert(tenant, Topics.ROUTING, left.contactId(),
                    EventCodec.encode(left, URI.create("/tests")), null)));
            connection.commit();
        }
        relay.drainTable();
        kafka.await(Topics.ROUTING, r -> left.contactId().equals(r.key()), 1, WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(store.pendingOutbox(List.of(tenant), 10)).isEmpty());

        relay.committed(rows);
        // Decided after the handoff, so the relay publishes it after the handed row (if it published that at all).
        ContactCreated later = chat("widget-" + tenant);
        publish(Topics.CONTACTS, later);
        awaitEvent(ContactQueued.class, e -> e.contactId().equals(later.contactId()));
        assertThatThrownBy(() -> kafka.await(Topics.ROUTING, r -> left.contactId().equals(r.key()), 2, Duration.ofSeconds(3)))
                .as("the row is published once").hasMessageContaining("but saw 1");
    }

    @Test
    void queueStatisticsCountTheDayAndItsServiceLevel() {
        configureTenant();
        available("agent-1");
        ContactCreated contact = chat("widget-" + tenant);
        publish(Topics.CONTACTS, contact);
        ContactOffered offer = awaitEvent(ContactOffered.class, e -> e.contactId().equals(contact.contactId()));
        publish(Topics.AGENTS, new OfferAnswered(UUID.randomUUID(), tenant, now(), offer.agentId(), contact.contactId(),
                offer.offerId(), OfferAnswered.Answer.ACCEPTED));
        awaitEvent(ContactAssigned.class, e -> e.contactId().equals(contact.contactId()));

        QueueStatsReported stats = awaitEvent(QueueStatsReported.class,
                e -> e.queueId().equals("billing-" + tenant) && e.answeredToday() == 1);
        assertThat(stats.offeredToday()).isEqualTo(1);
        assertThat(stats.answeredWithinThresholdToday()).isEqualTo(1);
        assertThat(stats.serviceLevelToday()).isEqualTo(1.0);
        assertThat(stats.agentsAvailable()).isEqualTo(1);
        assertThat(stats.day()).isEqualTo(java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")));
    }

    @Test
    void anAcceptFromAnotherAgentIsRejectedAndChangesNothing() {
        configureTenant();
        available("agent-1");
        ContactCreated contact = chat("widget-" + tenant);
        publish(Topics.CONTACTS, contact);
        ContactOffered offer = awaitEvent(ContactOffered.class, e -> e.contactId().equals(contact.contactId()));

        publish(Topics.AGENTS, new OfferAnswered(UUID.randomUUID(), tenant, now(), "intruder", contact.contactId(),
                offer.offerId(), OfferAnswered.Answer.ACCEPTED));
        ContactRejected rejected = awaitEvent(ContactRejected.class, e -> e.contactId().equals(contact.contactId()));
        assertThat(rejected.reason()).isEqualTo(ContactRejected.Reason.NOT_YOUR_OFFER);

        publish(Topics.AGENTS, new OfferAnswered(UUID.randomUUID(), tenant, now(), offer.agentId(), contact.contactId(),
                offer.offerId(), OfferAnswered.Answer.ACCEPTED));
        awaitEvent(ContactAssigned.class, e -> e.contactId().equals(contact.contactId()));
    }

    @Test
    void duplicateEventsHaveNoEffect() {
        configureTenant();
        ContactCreated contact = chat("widget-" + tenant);
        publish(Topics.CONTACTS, contact);
        publish(Topics.CONTACTS, contact);
        ContactCreated marker = chat("widget-" + tenant);
        publish(Topics.CONTACTS, marker);
        awaitEvent(ContactQueued.class, e -> e.contactId().equals(marker.contactId()));

        List<ConsumerRecord<String, byte[]>> queued = kafka.await(Topics.ROUTING,
                r -> contact.contactId().equals(r.key()) && typeOf(r).equals(EventType.CONTACT_QUEUED.type()), 1, WAIT);
        assertThat(queued).hasSize(1);
        supervisor().get("/api/queues/billing-" + tenant + "/contacts").then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> supervisor().get("/api/queues/billing-" + tenant + "/contacts")
                .then().statusCode(200).body("size()", equalTo(2)).body("[0].contactId", equalTo(contact.contactId())));
    }

    @Test
    void anOfferThatTimesOutGoesToTheNextAgent() {
        configureTenant(2);
        available("agent-1");
        ContactCreated contact = chat("widget-" + tenant);
        publish(Topics.CONTACTS, contact);
        ContactOffered first = awaitEvent(ContactOffered.class, e -> e.contactId().equals(contact.contactId()));
        available("agent-2");

        ContactRejected timedOut = awaitEvent(ContactRejected.class, e -> e.contactId().equals(contact.contactId()));
        assertThat(timedOut.reason()).isEqualTo(ContactRejected.Reason.TIMED_OUT);
        ContactOffered second = awaitEvent(ContactOffered.class,
                e -> e.contactId().equals(contact.contactId()) && !e.offerId().equals(first.offerId()));
        assertThat(second.agentId()).isEqualTo("agent-2-" + tenant);

        // Prometheus sees the offer that rang out, the queue's figures and the agents by state.
        String queue = "queue=\"billing-" + tenant + "\",tenant=\"" + tenant + "\"";
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("switchboard_offers_timed_out_total{" + queue + "} 1.0")
                .contains("switchboard_queue_waiting{" + queue + "}")
                .contains("switchboard_queue_agents_available{" + queue + "}")
                .contains("switchboard_queue_oldest_wait_seconds{" + queue + "}")
                .containsPattern("switchboard_agents\\{state=\"AVAILABLE\"\\} [1-9]")
                .containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"routing-processor\""));
    }

    @Test
    void aCustomerWhoLeavesIsAbandoned() {
        configureTenant();
        ContactCreated contact = chat("widget-" + tenant);
        publish(Topics.CONTACTS, contact);
        awaitEvent(ContactQueued.class, e -> e.contactId().equals(contact.contactId()));
        publish(Topics.CONTACTS, new ContactEnded(UUID.randomUUID(), tenant, now(), contact.contactId(), Channel.CHAT,
                ContactEnded.Reason.CUSTOMER_LEFT, null, null, null, null, null));
        awaitEvent(io.switchboard.events.ContactAbandoned.class, e -> e.contactId().equals(contact.contactId()));
    }

    @Test
    void anUnknownEntryPointGoesToTheDefaultQueueAndAnUnknownTenantToTheDeadLetterTopic() {
        configureTenant();
        ContactCreated stray = chat("somewhere-else");
        publish(Topics.CONTACTS, stray);
        assertThat(awaitEvent(ContactQueued.class, e -> e.contactId().equals(stray.contactId())).queueId())
                .isEqualTo("general-" + tenant);

        ContactCreated orphan = new ContactCreated(UUID.randomUUID(), "no-such-tenant-" + tenant, now(), UUID.randomUUID().toString(),
                Channel.CHAT, Direction.INBOUND, "widget", Address.chatVisitor("v1"), null, Map.of(), null, "hi", List.of(), "en", 0,
                Map.of());
        publish(Topics.CONTACTS, orphan);
        ConsumerRecord<String, byte[]> dead = kafka.await(Topics.DEAD_LETTER, r -> decoded(r).map(e -> e.eventId()
                .equals(orphan.eventId())).orElse(false), 1, WAIT).get(0);
        assertThat(new String(dead.headers().lastHeader("reason").value(), StandardCharsets.UTF_8)).contains("unknown tenant");
        assertThat(header(dead, DeadLetter.REASON)).isEqualTo("UNKNOWN_TENANT");
        assertThat(header(dead, DeadLetter.CONSUMER)).isEqualTo("routing/Processor");
        // Where the integrator published it, not routing's internal copy.
        assertThat(header(dead, DeadLetter.TOPIC)).isEqualTo(Topics.CONTACTS);
        assertThat(header(dead, DeadLetter.OFFSET)).matches("\\d+");
    }

    @Test
    void theSameEventTwiceMakesOneContactAndANewEventForALiveContactIsAConflict() {
        configureTenant();
        ContactCreated contact = chat("widget-" + tenant);
        publish(Topics.CONTACTS, contact);
        publish(Topics.CONTACTS, contact);
        ContactCreated again = new ContactCreated(UUID.randomUUID(), contact.tenantId(), now(), contact.contactId(), Channel.CHAT,
                Direction.INBOUND, contact.entryPoint(), contact.from(), null, Map.of(), null, "hi again", List.of(), "en", 0, Map.of());
        publish(Topics.CONTACTS, again);
        // A publisher reusing an event id for another contact: not a redelivery to skip.
        ContactCreated reused = new ContactCreated(contact.eventId(), contact.tenantId(), now(), "other-" + contact.contactId(),
                Channel.CHAT, Direction.INBOUND, contact.entryPoint(), contact.from(), null, Map.of(), null, "another", List.of(), "en", 0,
                Map.of());
        publish(Topics.CONTACTS, reused);

        ConsumerRecord<String, byte[]> dead = kafka.await(Topics.DEAD_LETTER, r -> decoded(r).map(e -> e.eventId()
                .equals(again.eventId())).orElse(false), 1, WAIT).get(0);
        assertThat(header(dead, DeadLetter.REASON)).isEqualTo("DUPLICATE_ID_CONFLICT");
        assertThat(header(dead, DeadLetter.FIELD)).isEqualTo("contactId");
        assertThat(dead.key()).as("the integrator's key, not routing's domain").isEqualTo(contact.contactId());
        ConsumerRecord<String, byte[]> taken = kafka.await(Topics.DEAD_LETTER, r -> reused.contactId().equals(r.key()), 1, WAIT).get(0);
        assertThat(header(taken, DeadLetter.REASON)).isEqualTo("DUPLICATE_ID_CONFLICT");
        assertThat(header(taken, DeadLetter.FIELD)).isEqualTo("id");
        assertThat(header(taken, DeadLetter.CONSUMER)).isEqualTo("routing/Processor");
        // The refusal came after both copies on the same partition: by then a second contact.queued would be out too.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> kafka.await(Topics.ROUTING, r -> contact.contactId().equals(r.key())
                && decoded(r).filter(ContactQueued.class::isInstance).isPresent(), 2, Duration.ofSeconds(5)))
                .hasMessageContaining("but saw 1");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aMalformedRecordIsDeadLetteredWithTheFieldAtFaultAndLaterRecordsStillFlow() throws Exception {
        configureTenant();
        String garbageKey = "garbage-" + UUID.randomUUID();
        kafka.send(Topics.CONTACTS, garbageKey, "{\"specversion\":\"1.0\"".getBytes(StandardCharsets.UTF_8));
        // A contact without its priority: the integrator's example of a field the schema requires.
        ContactCreated lacking = chat("widget-" + tenant);
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) io.switchboard.events.codec.EventJson.mapper()
                .readTree(io.switchboard.events.codec.EventCodec.encode(lacking, java.net.URI.create("/crm")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("data")).remove("priority");
        kafka.send(Topics.CONTACTS, lacking.contactId(), io.switchboard.events.codec.EventJson.mapper().writeValueAsBytes(json));
        ContactCreated contact = chat("widget-" + tenant);
        publish(Topics.CONTACTS, contact);
        awaitEvent(ContactQueued.class, e -> e.contactId().equals(contact.contactId()));

        ConsumerRecord<String, byte[]> envelope = kafka.await(Topics.DEAD_LETTER, r -> garbageKey.equals(r.key()), 1, WAIT).get(0);
        assertThat(header(envelope, DeadLetter.REASON)).isEqualTo("MALFORMED_ENVELOPE");
        assertThat(header(envelope, DeadLetter.CONSUMER)).isEqualTo("routing/Ingest");
        ConsumerRecord<String, byte[]> schema = kafka.await(Topics.DEAD_LETTER, r -> lacking.contactId().equals(r.key()), 1, WAIT).get(0);
        assertThat(header(schema, DeadLetter.REASON)).isEqualTo("SCHEMA_VIOLATION");
        assertThat(header(schema, DeadLetter.FIELD)).isEqualTo("priority");
        assertThat(header(schema, DeadLetter.TOPIC)).isEqualTo(Topics.CONTACTS);
    }

    @Test
    void theApiListsQueuesAndAgentsAndAnswersProblemsForUnknownQueues() {
        configureTenant();
        available("agent-1");
        await().atMost(WAIT).untilAsserted(() -> {
            supervisor().get("/api/queues").then().statusCode(200).body("queueId", hasItem("billing-" + tenant));
            supervisor().get("/api/agents").then().statusCode(200).body("agentId", hasItem("agent-1-" + tenant));
        });
        supervisor().get("/api/queues/nope/contacts").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no queue nope is routed by this instance"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void theApiIsForSupervisorsAndAdminsOfTheTenantOnly() {
        configureTenant();
        available("agent-1");
        await().atMost(WAIT).untilAsserted(() ->
                supervisor().get("/api/agents").then().statusCode(200).body("agentId", hasItem("agent-1-" + tenant)));
        given().get("/api/queues").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/api/queues").then().statusCode(401);
        KeycloakServer keycloak = KeycloakServer.shared();
        keycloak.createUser("agent-" + tenant, List.of("agent"), List.of(tenant));
        given().auth().oauth2(keycloak.accessToken("agent-" + tenant)).get("/api/queues").then().statusCode(403);

        String other = "o-" + tenant;
        keycloak.createUser("sup-" + other, List.of("supervisor"), List.of(other));
        var outsider = given().auth().oauth2(keycloak.accessToken("sup-" + other));
        outsider.get("/api/queues").then().statusCode(200).body("queueId", not(hasItem("billing-" + tenant)));
        given().auth().oauth2(keycloak.accessToken("sup-" + other)).get("/api/queues/billing-" + tenant + "/contacts")
                .then().statusCode(404);
        given().auth().oauth2(keycloak.accessToken("sup-" + other)).get("/api/agents")
                .then().statusCode(200).body("agentId", not(hasItem("agent-1-" + tenant)));
    }

    @jakarta.inject.Inject
    io.switchboard.routing.persistence.RoutingStore store;

    @Test
    void processedInputIdsAreForgottenAfterTheirRetention() throws Exception {
        UUID id = UUID.randomUUID();
        try (var connection = store.connect()) {
            assertThat(store.markProcessed(connection, List.of(id), List.of("d"), List.of(new byte[] { 1 }))).containsExactly(id);
            assertThat(store.markProcessed(connection, List.of(id), List.of("d"), List.of(new byte[] { 1 }))).as("a duplicate").isEmpty();
            connection.commit();
        }
        assertThat(store.forgetProcessedBefore(Instant.now().plusSeconds(60))).isPositive();
        try (var connection = store.connect()) {
            assertThat(store.markProcessed(connection, List.of(id), List.of("d"), List.of(new byte[] { 1 }))).as("forgotten, so new again").containsExactly(id);
            connection.rollback();
        }
    }

    // ---------------------------------------------------------------- fixtures

    private RequestSpecification supervisor() {
        return given().auth().oauth2(KeycloakServer.shared().accessToken("sup-" + tenant));
    }

    private void configureTenant() {
        configureTenant(30);
    }

    private void configureTenant(int offerTimeoutSeconds) {
        publish(Topics.CONFIG, new TenantConfigured(UUID.randomUUID(), tenant, now(), "Tenant " + tenant, "Europe/London", "GB",
                null, "general-" + tenant, List.of(new TenantConfigured.EntryPoint(Channel.CHAT, "widget-" + tenant, "billing-" + tenant))));
        publish(Topics.CONFIG, queue("general-" + tenant, Map.of(), offerTimeoutSeconds));
        publish(Topics.CONFIG, queue("billing-" + tenant, Map.of("billing", 2), offerTimeoutSeconds));
        // Configuration and contacts travel on different topics; let the configuration land first.
        await().atMost(WAIT).untilAsserted(() -> supervisor().get("/api/queues").then().body("queueId", hasItem("billing-" + tenant)));
    }

    private QueueConfigured queue(String id, Map<String, Integer> skills, int offerTimeoutSeconds) {
        return new QueueConfigured(UUID.randomUUID(), tenant, now(), id, id, skills, 0,
                new QueueConfigured.ServiceLevelTarget(20, 80), QueueConfigured.Strategy.LONGEST_IDLE, 0, offerTimeoutSeconds, 0,
                null, List.of(),
                null, false, true);
    }

    private void available(String agent) {
        String id = agent + "-" + tenant;
        publish(Topics.CONFIG, new AgentConfigured(UUID.randomUUID(), tenant, now(), id, agent, List.of(tenant),
                Map.of("billing", 3), Map.of(Channel.CHAT, 2, Channel.VOICE, 1), false, true));
        publish(Topics.AGENTS, new AgentStateChanged(UUID.randomUUID(), tenant, now(), id, AgentStateChanged.State.AVAILABLE,
                "signed in", null));
    }

    private ContactCreated chat(String entryPoint) {
        String contactId = UUID.randomUUID().toString();
        return new ContactCreated(UUID.randomUUID(), tenant, now(), contactId, Channel.CHAT, Direction.INBOUND, entryPoint,
                Address.chatVisitor("visitor-" + contactId), null, Map.of(), "Billing", "I was charged twice", List.of(), "en", 0,
                Map.of());
    }

    private void publish(String topic, SwitchboardEvent event) {
        kafka.send(topic, event.subject(), EventCodec.encode(event, URI.create("/tests")));
    }

    private <T extends SwitchboardEvent> T awaitEvent(Class<T> type, Predicate<T> matching) {
        String topic = java.util.Arrays.stream(EventType.values()).filter(t -> t.recordClass() == type).findFirst()
                .orElseThrow().topic();
        ConsumerRecord<String, byte[]> record = kafka.await(topic, r -> decoded(r)
                .filter(type::isInstance).map(type::cast).filter(matching).isPresent(), 1, WAIT).get(0);
        return type.cast(decoded(record).orElseThrow());
    }

    private static java.util.Optional<SwitchboardEvent> decoded(ConsumerRecord<String, byte[]> record) {
        return EventCodec.decode(record.value()) instanceof DecodeResult.Decoded d ? java.util.Optional.of(d.event())
                : java.util.Optional.empty();
    }

    private static String typeOf(ConsumerRecord<String, byte[]> record) {
        return EventCodec.decode(record.value()) instanceof DecodeResult.Decoded d ? d.envelope().getType() : "";
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The realm signs tokens for other applications too: only those minted for switchboard-api are taken. */
    @Test
    void aTokenMintedForAnotherClientOfTheRealmIsRefused() {
        String path = "/api/queues";
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().accessToken("sam")).get(path)
                .then().statusCode(org.hamcrest.Matchers.not(401));
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().foreignClientToken("sam")).get(path)
                .then().statusCode(401);
    }
}
