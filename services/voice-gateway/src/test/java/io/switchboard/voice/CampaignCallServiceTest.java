package io.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CallAttemptCompleted;
import io.switchboard.events.CampaignCallRequested;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.Direction;
import io.switchboard.events.OfferAnswered;
import io.switchboard.events.OptOutChanged;
import io.switchboard.events.PromptConfigured;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.events.address.Address;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.voice.domain.CallRegistry;
import io.switchboard.voice.domain.OptOuts;
import io.switchboard.voice.domain.Registrar;
import io.switchboard.voice.domain.VoiceDirectory;
import io.switchboard.voice.media.PromptStore;

/**
 * Campaigns' calls end to end (issue 22): the test publishes {@code call.campaign.requested} as the
 * campaign service would and plays routing; sipp plays the carrier's trunk (answering with and without
 * {@code X-Answered-By: machine}, busy, never answering, sending RFC 4733 keys) and the agent's phone;
 * the results are read from the broker.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(LeftOpenCall.class)
class CampaignCallServiceTest {

    private static final int SIP = 25060;
    private static final String MAIN = "+442079460000";
    private static final String CUSTOMER = "+447400123456";
    /** The carrier's trunk (switchboard.voice.outbound.trunk in the test profile). */
    private static final int TRUNK = 27201;
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final URI SOURCE = URI.create("/tests/campaigns");

    @Inject
    VoiceDirectory directory;
    @Inject
    CallRegistry calls;
    @Inject
    Registrar registrar;
    @Inject
    OptOuts optOuts;
    @Inject
    PromptStore prompts;

    private KafkaTestClient kafka;

    @BeforeEach
    void configure() {
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        publish(new TenantConfigured(UUID.nameUUIDFromBytes("acme".getBytes()), "acme-bank", Instant.parse("2026-01-01T00:00:00Z"),
                "Acme Bank", "Europe/London", "GB", null, "general", List.of(
                        new TenantConfigured.EntryPoint(Channel.VOICE, MAIN, "billing"),
                        new TenantConfigured.EntryPoint(Channel.VOICE, "+442079460001", "loans"))));
        await().atMost(WAIT).until(() -> directory.lookup(MAIN).isPresent() && directory.name("acme-bank").isPresent());
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    /** The abandon path: a person answers, routing offers nobody within the grace time; the message, our BYE, TIMEOUT. */
    @Test
    void aPersonNoAgentIsOfferedWithinTheGraceTimeHearsTheAbandonedMessageAndIsHungUp() throws Exception {
        try (Sipp customer = Sipp.start("campaign-customer-waits.xml", SIP, TRUNK, 28600, "-set", "answered_by", "human")) {
            String contactId = UUID.randomUUID().toString();
            publish(request(contactId, null, List.of(), 20, 1));

            ContactCreated created = (ContactCreated) single(Topics.CONTACTS, e -> e instanceof ContactCreated c && c.contactId().equals(contactId));
            assertThat(created.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(created.channel()).isEqualTo(Channel.VOICE);
            assertThat(created.entryPoint()).isEqualTo(MAIN);
            assertThat(created.from().value()).isEqualTo(CUSTOMER);
            assertThat(created.to().value()).isEqualTo(MAIN);
            assertThat(created.metadata()).containsEntry(CampaignCallRequested.CAMPAIGN_ID, "spring-offer")
                    .containsEntry(CampaignCallRequested.RECORD_ID, "record-7").containsEntry(ContactCreated.CHOSEN_QUEUE, "collections")
                    .containsEntry("record.name", "Ada Lovelace").containsEntry("record.balance", "120.50")
                    .doesNotContainKey(ContactCreated.PLACED_BY);

            CallAttemptCompleted result = result(contactId);
            assertThat(result.result()).isEqualTo(CallAttemptCompleted.Result.ABANDONED);
            assertThat(result.answeredAt()).isNotNull();
            assertThat(result.campaignId()).isEqualTo("spring-offer");
            assertThat(result.recordId()).isEqualTo("record-7");
            assertThat(result.eventId()).isEqualTo(UUID.nameUUIDFromBytes(("attempt:" + contactId).getBytes(StandardCharsets.UTF_8)));

            assertThat(customer.await()).as("the tenant's name and number shown, then our BYE:\n" + customer.report()).isZero();
            ContactEnded ended = ended(contactId);
            assertThat(ended.reason()).isEqualTo(ContactEnded.Reason.TIMEOUT);
            assertThat(Duration.between(result.occurredAt(), ended.occurredAt()))
                    .as("the BYE came after the abandoned-call message (about 10 s of speech)").isGreaterThan(Duration.ofSeconds(6));
            assertOnlyOneResult(contactId);
        }
    }

    /** The connected path: routing offers the call within the grace time; alice's phone rings and is bridged; the customer hangs up. */
    @Test
    void aPersonOfferedWithinTheGraceTimeIsConnectedAndTalksToTheAgent() throws Exception {
        try (Sipp phone = Sipp.start("agent-phone.xml", SIP, 27401, 28620)) {
            register("alice", "alice-phone", 27401, 27403);
            try (Sipp customer = Sipp.start("campaign-customer-talks.xml", SIP, TRUNK, 28630, "-d", "5000")) {
                String contactId = UUID.randomUUID().toString();
                publish(request(contactId, null, List.of(), 20, 10));
                ContactCreated created = (ContactCreated) single(Topics.CONTACTS,
                        e -> e instanceof ContactCreated c && c.contactId().equals(contactId));

                publish(new ContactOffered(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.VOICE, "collections", "alice",
                        contactId + "#alice", Instant.now().plusSeconds(30)));
                CallAttemptCompleted result = result(contactId);
                assertThat(result.result()).isEqualTo(CallAttemptCompleted.Result.CONNECTED);
                assertThat(result.answeredAt()).isAfterOrEqualTo(created.occurredAt().minusSeconds(1));
                OfferAnswered accepted = (OfferAnswered) single(Topics.AGENTS, e -> e instanceof OfferAnswered a
                        && a.contactId().equals(contactId) && a.answer() == OfferAnswered.Answer.ACCEPTED);
                assertThat(accepted.agentId()).isEqualTo("alice");

                assertThat(customer.await()).as("the customer talked and hung up:\n" + customer.report()).isZero();
                assertThat(phone.await()).as("alice's phone rang with the whisper and got our BYE:\n" + phone.report()).isZero();
                ContactEnded ended = ended(contactId);
                assertThat(ended.reason()).isEqualTo(ContactEnded.Reason.CUSTOMER_LEFT);
                assertThat(ended.talkSeconds()).isGreaterThanOrEqualTo(1);
                assertOnlyOneResult(contactId);
            }
        }
    }

    @Test
    void aMachineIsHungUpAtOnceAndNoContactIsCreated() throws Exception {
        try (Sipp customer = Sipp.start("campaign-customer-waits.xml", SIP, TRUNK, 28640, "-set", "answered_by", "machine")) {
            String contactId = UUID.randomUUID().toString();
            publish(request(contactId, null, List.of(), 20, 5));
            CallAttemptCompleted result = result(contactId);
            assertThat(result.result()).isEqualTo(CallAttemptCompleted.Result.MACHINE);
            assertThat(result.answeredAt()).isNotNull();
            assertThat(customer.await()).as("our BYE at once:\n" + customer.report()).isZero();
            assertThat(Duration.between(result.occurredAt(), Instant.now())).isLessThan(WAIT);
            assertThatThrownBy(() -> kafka.await(Topics.CONTACTS, record -> contactId.equals(record.key())
                    && KafkaTestClient.decode(record) instanceof ContactCreated, 1, Duration.ofSeconds(2)))
                    .as("no contact for a machine").isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void aBusyCustomerIsBusy() throws Exception {
        try (Sipp customer = Sipp.start("agent-busy.xml", SIP, TRUNK, 28650)) {
            String contactId = UUID.randomUUID().toString();
            publish(request(contactId, null, List.of(), 20, 5));
            CallAttemptCompleted result = result(contactId);
            assertThat(result.result()).isEqualTo(CallAttemptCompleted.Result.BUSY);
            assertThat(result.detail()).isEqualTo("486 Busy Here");
            assertThat(result.answeredAt()).isNull();
            assertThat(customer.await()).as(customer.report()).isZero();
        }
    }

    @Test
    void aCustomerWhoNeverAnswersIsCancelledAfterTheRingTimeAsNoAnswer() throws Exception {
        try (Sipp customer = Sipp.start("agent-no-answer.xml", SIP, TRUNK, 28660)) {
            String contactId = UUID.randomUUID().toString();
            Instant asked = Instant.now();
            publish(request(contactId, null, List.of(), 5, 5));
            CallAttemptCompleted result = result(contactId);
            assertThat(result.result()).isEqualTo(CallAttemptCompleted.Result.NO_ANSWER);
            assertThat(Duration.between(asked, result.occurredAt())).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(15));
            assertThat(customer.await()).as("CANCEL after the ring time:\n" + customer.report()).isZero();
        }
    }

    /** An IVR survey campaign: the tenant's two recorded questions; sipp presses 3 (RFC 4733) for the first and nothing for the second. */
    @Test
    void aSurveyCallCollectsOneKeyPerQuestionAndHangsUpAfterTheThanks() throws Exception {
        for (String name : List.of("q-service", "q-speed")) {
            publish(new PromptConfigured(UUID.randomUUID(), "acme-bank", Instant.now(), name, null,
                    Base64.getEncoder().encodeToString(new byte[PromptConfigured.SAMPLES_PER_SECOND]), true));
        }
        await().atMost(WAIT).until(() -> prompts.resolve("acme-bank", "q-speed").filter(p -> p.startsWith("acme-bank/")).isPresent());
        try (Sipp customer = Sipp.start("campaign-customer-survey.xml", SIP, TRUNK, 28670)) {
            String contactId = UUID.randomUUID().toString();
            publish(request(contactId, null, List.of("q-service", "q-speed"), 20, 5));
            CallAttemptCompleted result = result(contactId);
            assertThat(result.result()).isEqualTo(CallAttemptCompleted.Result.CONNECTED);
            assertThat(result.answers()).containsExactly("3", "");
            assertThat(customer.await()).as("our BYE after the thanks:\n" + customer.report()).isZero();
            assertThatThrownBy(() -> kafka.await(Topics.CONTACTS, record -> contactId.equals(record.key())
                    && KafkaTestClient.decode(record) instanceof ContactCreated, 1, Duration.ofSeconds(2)))
                    .as("no contact for a survey call").isInstanceOf(AssertionError.class);
        }
    }

    /** Preview: alice's phone rings first (the click-to-call flow), then the customer; the contact carries her and the campaign. */
    @Test
    void aPreviewCallRingsTheAgentThenTheCustomerAndTheCustomerAnsweringIsConnected() throws Exception {
        try (Sipp phone = Sipp.start("agent-phone-own-call.xml", SIP, 27411, 28680)) {
            register("alice", "alice-phone", 27411, 27413);
            try (Sipp customer = Sipp.start("customer-answers.xml", SIP, TRUNK, 28690)) {
                String contactId = UUID.randomUUID().toString();
                publish(request(contactId, "alice", List.of(), 20, 5));
                ContactCreated created = (ContactCreated) single(Topics.CONTACTS,
                        e -> e instanceof ContactCreated c && c.contactId().equals(contactId));
                assertThat(created.direction()).isEqualTo(Direction.OUTBOUND);
                assertThat(created.to().value()).isEqualTo(CUSTOMER);
                assertThat(created.metadata()).containsEntry(ContactCreated.PLACED_BY, "alice")
                        .containsEntry(CampaignCallRequested.CAMPAIGN_ID, "spring-offer").containsEntry("record.name", "Ada Lovelace");

                CallAttemptCompleted result = result(contactId);
                assertThat(result.result()).isEqualTo(CallAttemptCompleted.Result.CONNECTED);
                assertThat(result.answeredAt()).isNotNull();
                assertThat(customer.await()).as("the customer answered, talked and hung up:\n" + customer.report()).isZero();
                assertThat(phone.await()).as("alice's phone rang first and got our BYE:\n" + phone.report()).isZero();
                assertThat(ended(contactId).reason()).isEqualTo(ContactEnded.Reason.CUSTOMER_LEFT);
                assertOnlyOneResult(contactId);
            }
        }
    }

    /** Issue 21: the consent topic's opt-out refuses the call before anything is dialled (nothing listens on the trunk here). */
    @Test
    void anOptedOutNumberIsRefusedBeforeAnythingIsDialled() {
        String number = "+447400123999";
        publish(new OptOutChanged(UUID.randomUUID(), "acme-bank", Instant.now(), Address.phone(number, null), true, "do-not-call"));
        await().atMost(WAIT).until(() -> optOuts.optedOut("acme-bank", number));
        String contactId = UUID.randomUUID().toString();
        publish(new CampaignCallRequested(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, "spring-offer", "record-9", 1,
                "collections", MAIN, Address.phone(number, null), null, List.of(), 20, 5, Map.of()));
        CallAttemptCompleted result = result(contactId);
        assertThat(result.result()).isEqualTo(CallAttemptCompleted.Result.FAILED);
        assertThat(result.detail()).isEqualTo("opted out");
        assertThat(calls.byContact(contactId)).isEmpty();
    }

    private static CampaignCallRequested request(String contactId, String agentId, List<String> surveyPrompts, int ringSeconds,
            int graceSeconds) {
        return new CampaignCallRequested(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, "spring-offer", "record-7", 1,
                "collections", MAIN, Address.phone(CUSTOMER, null), agentId, surveyPrompts, ringSeconds, graceSeconds,
                Map.of("name", "Ada Lovelace", "balance", "120.50"));
    }

    private CallAttemptCompleted result(String contactId) {
        return (CallAttemptCompleted) single(Topics.CONTACTS, e -> e instanceof CallAttemptCompleted c && c.contactId().equals(contactId));
    }

    private void assertOnlyOneResult(String contactId) {
        assertThatThrownBy(() -> kafka.await(Topics.CONTACTS, record -> contactId.equals(record.key())
                && KafkaTestClient.decode(record) instanceof CallAttemptCompleted, 2, Duration.ofSeconds(2)))
                .as("one result per attempt").isInstanceOf(AssertionError.class);
    }

    private ContactEnded ended(String contactId) {
        return (ContactEnded) single(Topics.CONTACTS, e -> e instanceof ContactEnded c && c.contactId().equals(contactId));
    }

    private void register(String agent, String password, int contactPort, int localPort) throws Exception {
        try (Sipp register = Sipp.start("register.xml", SIP, localPort, 27500 + 10 * (localPort % 50), "-s", agent, "-au", agent, "-ap",
                password, "-set", "contact_port", String.valueOf(contactPort))) {
            assertThat(register.await()).as(register.report()).isZero();
        }
        assertThat(registrar.lookup(agent, Instant.now())).isPresent();
    }

    private SwitchboardEvent single(String topic, Predicate<SwitchboardEvent> matching) {
        return kafka.awaitEvent(topic, matching, WAIT);
    }

    private void publish(SwitchboardEvent event) {
        kafka.publish(event, SOURCE);
    }
}
