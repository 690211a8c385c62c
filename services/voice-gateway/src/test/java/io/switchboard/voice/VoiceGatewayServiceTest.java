package io.switchboard.voice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CallControlRequested;
import io.switchboard.events.CallDialRequested;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.ContactQueued;
import io.switchboard.events.ContactSurveyAnswered;
import io.switchboard.events.ContactRejected;
import io.switchboard.events.ContactTransferred;
import io.switchboard.events.Direction;
import io.switchboard.events.OfferAnswered;
import io.switchboard.events.PhoneCredentialsConfigured;
import io.switchboard.events.PromptConfigured;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.events.TransferRequested;
import io.switchboard.events.address.Address;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.voice.domain.Call;
import io.switchboard.voice.domain.CallRegistry;
import io.switchboard.voice.domain.DigestAuth;
import io.switchboard.voice.domain.MonitorMode;
import io.switchboard.voice.domain.PhoneCredentials;
import io.switchboard.voice.domain.RecordingPolicy;
import io.switchboard.voice.domain.Registrar;
import io.switchboard.voice.domain.VoiceDirectory;
import io.switchboard.voice.media.PromptPlayer;
import io.switchboard.voice.media.PromptStore;
import io.switchboard.voice.media.Rtp;

/**
 * The gateway against real peers: sipp as the carrier's trunk and as the agents' phones (RFC 4733
 * DTMF and G.711 audio from sipp's own pcaps), and a real Kafka broker. The test plays routing: it
 * publishes the offers routing would. Each test uses its own sipp ports.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(LeftOpenCall.class)
class VoiceGatewayServiceTest {

    private static final int SIP = 25060;
    private static final String MAIN = "+442079460000";
    private static final String CUSTOMER = "+447400123456";
    /** The carrier's trunk for agents' own calls (switchboard.voice.outbound.trunk in the test profile). */
    private static final int TRUNK = 27201;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final URI SOURCE = URI.create("/tests/voice-gateway");

    @Inject
    VoiceDirectory directory;
    @Inject
    Registrar registrar;
    @Inject
    CallRegistry calls;
    @Inject
    RecordingPolicy recording;
    @Inject
    PromptPlayer player;
    @Inject
    PromptStore prompts;
    @Inject
    PhoneCredentials phoneCredentials;

    private KafkaTestClient kafka;
    private Instant testStart;

    @BeforeEach
    void configure() {
        testStart = Instant.now();
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        publish(new TenantConfigured(UUID.nameUUIDFromBytes("acme".getBytes()), "acme-bank", Instant.parse("2026-01-01T00:00:00Z"),
                "Acme Bank", "Europe/London", "GB", null, "general", List.of(
                        new TenantConfigured.EntryPoint(Channel.VOICE, MAIN, "billing"),
                        new TenantConfigured.EntryPoint(Channel.VOICE, "+442079460001", "loans"))));
        publish(new QueueConfigured(UUID.nameUUIDFromBytes("billing".getBytes()), "acme-bank", Instant.parse("2026-01-01T00:00:00Z"),
                "billing", "Billing", Map.of(), 0, null, QueueConfigured.Strategy.LONGEST_IDLE, 0, 20, 0, null, List.of(), null, true, true));
        await().atMost(WAIT).until(() -> directory.lookup(MAIN).isPresent() && recording.records("acme-bank", "billing"));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aCallGoesThroughTheIvrToTheAgentsPhoneAndAudioFlowsBothWays() throws Exception {
        try (Sipp phone = Sipp.start("agent-phone.xml", SIP, 27001, 27300)) {
            register("alice", "alice-phone", 27001, 27002);
            try (Sipp caller = Sipp.start("trunk-call.xml", SIP, 27003, 27310, "-s", MAIN, "-d", "6000")) {
                ContactCreated created = created();
                Path journalled = LeftOpenCall.JOURNAL.resolve(created.contactId() + "~acme-bank");
                await().atMost(WAIT).until(() -> Files.exists(journalled));
                assertThat(created.channel()).isEqualTo(Channel.VOICE);
                assertThat(created.entryPoint()).isEqualTo(MAIN);
                assertThat(created.metadata()).containsEntry("ivrPath", "1");
                assertThat(created.from().value()).isEqualTo("+447400123456");

                publish(offer(created, "alice"));
                OfferAnswered answer = answer(created.contactId());
                assertThat(answer.answer()).isEqualTo(OfferAnswered.Answer.ACCEPTED);

                Call call = calls.byContact(created.contactId()).orElseThrow();
                await().atMost(WAIT).until(() -> call.state == Call.State.CONNECTED);
                long callerSentAtConnect = call.callerMedia.sent();
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(call.agentMedia.received()).as("the phone's audio reaches the gateway").isPositive();
                    assertThat(call.callerMedia.sent()).as("and is relayed to the caller").isGreaterThan(callerSentAtConnect + 10);
                    assertThat(call.agentMedia.sent()).as("the caller's audio is relayed to the phone").isPositive();
                });

                assertThat(caller.await()).as(caller.report()).isZero();
                assertThat(phone.await()).as("the phone got the whisper header and the BYE:\n" + phone.report()).isZero();
                ContactEnded ended = ended(created.contactId());
                assertThat(ended.reason()).isEqualTo(ContactEnded.Reason.CUSTOMER_LEFT);
                await("the journal forgets an ended contact").atMost(WAIT).until(() -> !Files.exists(journalled));
                assertThat(ended.talkSeconds()).isNotNull();
                assertThat(ended.queueSeconds()).isNotNull();
                assertThat(ended.ringSeconds()).isNotNull();

                // Billing records its calls: one WAV per leg, G.711 as relayed.
                for (String leg : List.of("caller", "agent")) {
                    Path wav = Path.of("target/recordings", created.contactId() + "-" + leg + ".wav");
                    byte[] bytes = Files.readAllBytes(wav);
                    assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
                    assertThat(new String(bytes, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
                    assertThat(bytes.length).as(leg + " audio recorded").isGreaterThan(58 + 1_600);
                }
            }
        }
    }

    /**
     * RTP bleed (CVE-2017-14099): a stranger who finds the caller's media port sends RTP to it in the
     * middle of a call. The caller's leg latched onto sipp's media in the IVR, so none of it reaches
     * the agent's phone or the recording, every packet is counted, and the caller's audio goes on.
     */
    @Test
    void rtpInjectedFromAnotherSourceIsDroppedAndCountedWhileTheCallersAudioFlows() throws Exception {
        try (Sipp phone = Sipp.start("agent-phone.xml", SIP, 27191, 28270)) {
            register("alice", "alice-phone", 27191, 27193);
            try (Sipp caller = Sipp.start("trunk-call.xml", SIP, 27195, 28280, "-s", MAIN, "-d", "6000")) {
                ContactCreated created = created();
                Call call = connectedToAlice(created);
                double droppedBefore = droppedRtp("unexpected_source");
                long relayedBefore = call.agentMedia.sent();
                int injected = 100;
                byte[] packet = new byte[Rtp.HEADER + 160];
                try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
                    for (int i = 0; i < injected; i++) {
                        Rtp.header(packet, Rtp.PCMU, false, 1_000 + i, 160L * i, 0x0BAD0BAD);
                        Arrays.fill(packet, Rtp.HEADER, packet.length, INJECTED_SAMPLE);
                        attacker.send(new DatagramPacket(packet, packet.length, new InetSocketAddress("127.0.0.1", call.callerMedia.localPort())));
                        Thread.sleep(2);
                    }
                }
                await().atMost(WAIT).untilAsserted(() -> assertThat(droppedRtp("unexpected_source") - droppedBefore)
                        .as("every injected packet is dropped and counted").isEqualTo(injected));
                long relayedAfterAttack = call.agentMedia.sent();
                await().atMost(WAIT).untilAsserted(() -> assertThat(call.agentMedia.sent())
                        .as("the caller's own audio is still relayed to the phone").isGreaterThan(relayedAfterAttack + 50));
                assertThat(relayedAfterAttack - relayedBefore).as("nothing was relayed for the attacker's packets").isLessThan(injected);

                assertThat(caller.await()).as(caller.report()).isZero();
                assertThat(phone.await()).as(phone.report()).isZero();
                ended(created.contactId());
                byte[] recorded = Files.readAllBytes(Path.of("target/recordings", created.contactId() + "-caller.wav"));
                byte[] injectedFrame = new byte[160];
                Arrays.fill(injectedFrame, INJECTED_SAMPLE);
                assertThat(indexOf(recorded, injectedFrame)).as("the injected audio is not in the caller's recording").isEqualTo(-1);
            }
        }
    }

    @Test
    void aContactACrashLeftOpenIsEndedWhenTheGatewayStartsAgain() {
        ContactEnded ended = ended(LeftOpenCall.CONTACT_ID);
        assertThat(ended.reason()).isEqualTo(ContactEnded.Reason.ERROR);
        assertThat(ended.tenantId()).isEqualTo("acme-bank");
        await().atMost(WAIT).until(() -> !Files.exists(LeftOpenCall.JOURNAL.resolve(LeftOpenCall.CONTACT_ID + "~acme-bank")));
    }

    @Test
    void aTransferReleasesTheAgentsPhoneAndTheCallerWaitsAgain() throws Exception {
        try (Sipp phone = Sipp.start("agent-phone.xml", SIP, 27061, 27420)) {
            register("alice", "alice-phone", 27061, 27063);
            try (Sipp caller = Sipp.start("trunk-call.xml", SIP, 27065, 27430, "-s", MAIN, "-d", "6000")) {
                ContactCreated created = created();
                Call call = connectedToAlice(created);
                publish(new ContactTransferred(UUID.randomUUID(), "acme-bank", Instant.now(), created.contactId(), "billing", "loans",
                        null, "alice", "a loans question"));
                assertThat(phone.await()).as("the phone gets a BYE:\n" + phone.report()).isZero();
                await().atMost(WAIT).until(() -> call.state == Call.State.QUEUED);
                assertThat(caller.await()).as(caller.report()).isZero();
                assertThat(ended(created.contactId()).reason()).isEqualTo(ContactEnded.Reason.CUSTOMER_LEFT);
            }
        }
    }

    @Test
    void theAgentsPhoneTransfersTheCallToAQueueWithRefer() throws Exception {
        publish(new QueueConfigured(UUID.nameUUIDFromBytes("loans".getBytes()), "acme-bank", Instant.parse("2026-01-01T00:00:00Z"),
                "loans", "Loans", Map.of(), 0, null, QueueConfigured.Strategy.LONGEST_IDLE, 0, 20, 0, null, List.of(), null, false, true));
        await().atMost(WAIT).until(() -> recording.hasQueue("acme-bank", "loans"));
        try (Sipp phone = Sipp.start("agent-phone-refer.xml", SIP, 27141, 28180)) {
            register("alice", "alice-phone", 27141, 27143);
            try (Sipp caller = Sipp.start("trunk-call.xml", SIP, 27145, 28190, "-s", MAIN, "-d", "8000")) {
                ContactCreated created = created();
                Call call = connectedToAlice(created);

                TransferRequested asked = (TransferRequested) single(Topics.AGENTS, e -> e instanceof TransferRequested t
                        && t.contactId().equals(created.contactId()));
                assertThat(asked.agentId()).isEqualTo("alice");
                assertThat(asked.toQueueId()).as("Refer-To names a queue of the tenant").isEqualTo("loans");
                publish(new ContactTransferred(UUID.randomUUID(), "acme-bank", Instant.now(), created.contactId(), "billing", "loans",
                        null, "alice", asked.note()));

                assertThat(phone.await()).as("202, NOTIFY 100 Trying, NOTIFY 200 OK, BYE:\n" + phone.report()).isZero();
                await().atMost(WAIT).until(() -> call.state == Call.State.QUEUED);
                assertThat(caller.await()).as(caller.report()).isZero();
            }
        }
    }

    @Test
    void theAgentsPhoneTransfersTheCallToAnOutsideNumberAndTheContactLeavesTheCenter() throws Exception {
        try (Sipp phone = Sipp.start("agent-phone-refer-number.xml", SIP, 27171, 28240)) {
            register("alice", "alice-phone", 27171, 27173);
            try (Sipp caller = Sipp.start("trunk-call.xml", SIP, 27175, 28250, "-s", MAIN, "-d", "9000");
                    Sipp outside = Sipp.start("outside-answers.xml", SIP, TRUNK, 28260)) {
                ContactCreated created = created();
                Call call = connectedToAlice(created);

                ContactEnded transferred = ended(created.contactId());
                assertThat(transferred.reason()).isEqualTo(ContactEnded.Reason.TRANSFERRED_OUT);
                assertThat(phone.await()).as("202, NOTIFY 100 Trying, NOTIFY 200 OK, BYE:\n" + phone.report()).isZero();
                long relayed = call.callerMedia.sent();
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(call.agentMedia.received()).as("the outside party's audio reaches the gateway").isPositive();
                    assertThat(call.callerMedia.sent()).as("and is relayed to the caller").isGreaterThan(relayed);
                });
                assertThat(caller.await()).as("the caller talks on, then hangs up:\n" + caller.report()).isZero();
                assertThat(outside.await()).as("the outside party saw the tenant's number and got the BYE:\n" + outside.report()).isZero();
                assertThat(calls.byContact(created.contactId())).isEmpty();
            }
        }
    }

    @Test
    void aTransferRoutingRefusesIsReportedToThePhoneAndTheCallStays() throws Exception {
        try (Sipp phone = Sipp.start("agent-phone-refer-refused.xml", SIP, 27151, 28200)) {
            register("alice", "alice-phone", 27151, 27153);
            try (Sipp caller = Sipp.start("trunk-call.xml", SIP, 27155, 28210, "-s", MAIN, "-d", "8000")) {
                ContactCreated created = created();
                connectedToAlice(created);
                TransferRequested asked = (TransferRequested) single(Topics.AGENTS, e -> e instanceof TransferRequested t
                        && t.contactId().equals(created.contactId()));
                publish(new ContactRejected(UUID.randomUUID(), "acme-bank", Instant.now(), created.contactId(), "billing", asked.agentId(),
                        null, ContactRejected.Reason.TRANSFER_REFUSED));

                assertThat(phone.await()).as("NOTIFY 603 Declined, then the agent hangs up:\n" + phone.report()).isZero();
                assertThat(ended(created.contactId()).reason()).as("the call stayed with the agent until they hung up")
                        .isEqualTo(ContactEnded.Reason.AGENT_ENDED);
                // The survey is on in the tests: the caller stays for its question, presses nothing and hangs up first.
                assertThat(caller.await()).as("the caller's own BYE is answered:\n" + caller.report()).isZero();
            }
        }
    }

    /**
     * The survey after the call (issue 21): the agent's phone hangs up, the caller (sipp) stays on the
     * line, presses 4 (RFC 4733) during the question and is hung up after the thanks. The contact ended
     * as the agent hung up, before the score came in; the score is the contract's CSAT answer.
     */
    @Test
    void theCallerRatesTheCallWith4AfterTheAgentHungUpAndTheScoreIsPublished() throws Exception {
        try (Sipp phone = Sipp.start("agent-phone-hangs-up.xml", SIP, 27271, 28550)) {
            register("alice", "alice-phone", 27271, 27273);
            try (Sipp caller = Sipp.start("trunk-call-survey.xml", SIP, 27275, 28560, "-s", MAIN, "-d", "8000")) {
                ContactCreated created = created();
                Call call = connectedToAlice(created);

                assertThat(phone.await()).as("the agent's phone hung up:\n" + phone.report()).isZero();
                ContactEnded ended = ended(created.contactId());
                assertThat(ended.reason()).isEqualTo(ContactEnded.Reason.AGENT_ENDED);
                await().atMost(WAIT).until(() -> call.state == Call.State.SURVEY || call.state == Call.State.SURVEY_ANSWERED
                        || call.state == Call.State.ENDED);

                ContactSurveyAnswered survey = (ContactSurveyAnswered) single(Topics.CONTACTS, e -> e instanceof ContactSurveyAnswered a
                        && a.contactId().equals(created.contactId()));
                assertThat(survey.score()).isEqualTo(4);
                assertThat(survey.channel()).isEqualTo(Channel.VOICE);
                assertThat(survey.tenantId()).isEqualTo("acme-bank");
                assertThat(survey.comment()).isNull();
                assertThat(ended.occurredAt()).as("the contact ended before the caller answered").isBefore(survey.occurredAt());

                assertThat(caller.await()).as("the caller pressed 4 and got our BYE:\n" + caller.report()).isZero();
                assertThat(caller.messages()).contains("BYE sip:+447400123456@");
                await().atMost(WAIT).until(() -> calls.byContact(created.contactId()).isEmpty());
            }
        }
    }

    @Test
    void aTransferToAPremiumRateNumberIsRefusedWith403AndAudited() throws Exception {
        try (Sipp phone = Sipp.start("agent-phone-refer-premium.xml", SIP, 27211, 28320)) {
            register("alice", "alice-phone", 27211, 27213);
            try (Sipp caller = Sipp.start("trunk-call.xml", SIP, 27215, 28330, "-s", MAIN, "-d", "8000")) {
                ContactCreated created = created();
                connectedToAlice(created);

                assertThat(phone.await()).as("403 to the REFER, then the agent hangs up:\n" + phone.report()).isZero();
                assertThat(ended(created.contactId()).reason()).as("nothing was dialled; the call stayed with the agent")
                        .isEqualTo(ContactEnded.Reason.AGENT_ENDED);
                caller.await();
            }
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("voice_dial_refused_total\\{reason=\"premium-rate\",tenant=\"acme-bank\"\\} [1-9]");
    }

    @Test
    void theAgentPutsTheCallerOnHoldAndTakesThemBack() throws Exception {
        try (Sipp phone = Sipp.start("agent-phone.xml", SIP, 27071, 27440)) {
            register("alice", "alice-phone", 27071, 27073);
            try (Sipp caller = Sipp.start("trunk-call-hold.xml", SIP, 27075, 27450, "-s", MAIN)) {
                ContactCreated created = created();
                Call call = connectedToAlice(created);

                publish(new CallControlRequested(UUID.randomUUID(), "acme-bank", Instant.now(), created.contactId(), "alice",
                        CallControlRequested.Action.HOLD));
                await().atMost(WAIT).until(call::onHold);
                long heldAudio = call.callerMedia.sent();
                await().atMost(WAIT).until(() -> call.callerMedia.sent() > heldAudio + 50);
                Thread.sleep(1_000);
                publish(new CallControlRequested(UUID.randomUUID(), "acme-bank", Instant.now(), created.contactId(), "alice",
                        CallControlRequested.Action.RESUME));
                await().atMost(WAIT).until(() -> !call.onHold());

                assertThat(caller.await()).as("the caller got sendonly, then sendrecv:\n" + caller.report()).isZero();
                assertThat(phone.await()).as(phone.report()).isZero();
                assertThat(ended(created.contactId()).holdSeconds()).isGreaterThanOrEqualTo(1);
            }
        }
    }

    /**
     * Issue 21: a supervisor listens, whispers, barges in and leaves. sipp signals on all three legs; the
     * audio of each is a {@link RtpPhone} its SDP names (sipp cannot tell what it heard): the caller
     * sends a 440 Hz tone, the agent 1,100 Hz, the supervisor 1,700 Hz, and each leg's tones are measured
     * over a second of what it heard (Goertzel): present at over half the tone's amplitude, absent
     * below 1% (a run measured 97-100% and at most 0.2%; on a loaded machine a late frame or two left a
     * present tone at 78%, still fifty times what may leak).
     */
    @Test
    void aSupervisorListensThenWhispersThenBargesInThenLeavesAndEachLegHearsWhatItsModeAllows() throws Exception {
        double callerTone = 440;
        double agentTone = 1_100;
        double supervisorTone = 1_700;
        publish(new PhoneCredentialsConfigured(UUID.randomUUID(), "acme-bank", Instant.now(), "sam", "switchboard",
                ha1("sam", "switchboard", "sam-secret"), true));
        await().atMost(WAIT).until(() -> phoneCredentials.tenant("sam").isPresent());
        try (RtpPhone callerAudio = new RtpPhone(callerTone); RtpPhone aliceAudio = new RtpPhone(agentTone);
                RtpPhone samAudio = new RtpPhone(supervisorTone);
                Sipp alicePhone = Sipp.start("phone-media-elsewhere.xml", SIP, 27261, 28500,
                        "-key", "rtp_port", String.valueOf(aliceAudio.port()));
                Sipp samPhone = Sipp.start("phone-media-elsewhere.xml", SIP, 27263, 28510,
                        "-key", "rtp_port", String.valueOf(samAudio.port()))) {
            register("alice", "alice-phone", 27261, 27267);
            register("sam", "sam-secret", 27263, 27269);
            try (Sipp caller = Sipp.start("trunk-call-media-elsewhere.xml", SIP, 27265, 28520, "-s", "+442079460001", "-d", "14000",
                    "-key", "rtp_port", String.valueOf(callerAudio.port()))) {
                ContactCreated created = created();
                Call call = connectedToAlice(created);
                await().atMost(WAIT).until(() -> aliceAudio.received() > 10 && callerAudio.received() > 10);

                monitor(created, "sam", CallControlRequested.Action.LISTEN);
                await().atMost(WAIT).until(() -> call.monitor != null && call.monitor.joined);
                assertHear("LISTEN",
                        new Hearing("the caller", callerAudio, Map.of(agentTone, true, supervisorTone, false, callerTone, false)),
                        new Hearing("the agent", aliceAudio, Map.of(callerTone, true, supervisorTone, false, agentTone, false)),
                        new Hearing("the supervisor", samAudio, Map.of(callerTone, true, agentTone, true, supervisorTone, false)));

                monitor(created, "sam", CallControlRequested.Action.WHISPER);
                await().atMost(WAIT).until(() -> call.monitor.mode == MonitorMode.WHISPER);
                assertHear("WHISPER",
                        new Hearing("the caller", callerAudio, Map.of(agentTone, true, supervisorTone, false, callerTone, false)),
                        new Hearing("the agent", aliceAudio, Map.of(callerTone, true, supervisorTone, true, agentTone, false)),
                        new Hearing("the supervisor", samAudio, Map.of(callerTone, true, agentTone, true, supervisorTone, false)));

                monitor(created, "sam", CallControlRequested.Action.BARGE);
                await().atMost(WAIT).until(() -> call.monitor.mode == MonitorMode.BARGE);
                assertHear("BARGE",
                        new Hearing("the caller", callerAudio, Map.of(agentTone, true, supervisorTone, true, callerTone, false)),
                        new Hearing("the agent", aliceAudio, Map.of(callerTone, true, supervisorTone, true, agentTone, false)),
                        new Hearing("the supervisor", samAudio, Map.of(callerTone, true, agentTone, true, supervisorTone, false)));

                monitor(created, "sam", CallControlRequested.Action.LEAVE);
                assertThat(samPhone.await()).as("the supervisor's phone got the BYE:\n" + samPhone.report()).isZero();
                assertThat(samPhone.messages()).as("one INVITE for the three modes").containsOnlyOnce("INVITE sip:");
                await().atMost(WAIT).until(() -> call.monitor == null);
                long samHeard = samAudio.received();
                assertHear("after LEAVE",
                        new Hearing("the caller", callerAudio, Map.of(agentTone, true, supervisorTone, false, callerTone, false)),
                        new Hearing("the agent", aliceAudio, Map.of(callerTone, true, supervisorTone, false, agentTone, false)));
                assertThat(samAudio.received()).as("nothing more is sent to the supervisor").isEqualTo(samHeard);
                assertThat(call.state).as("the call goes on").isEqualTo(Call.State.CONNECTED);

                assertThat(caller.await()).as(caller.report()).isZero();
                assertThat(alicePhone.await()).as(alicePhone.report()).isZero();
                assertThat(ended(created.contactId()).reason()).isEqualTo(ContactEnded.Reason.CUSTOMER_LEFT);
            }
        }
    }

    private void monitor(ContactCreated created, String supervisor, CallControlRequested.Action action) {
        publish(new CallControlRequested(UUID.randomUUID(), "acme-bank", Instant.now(), created.contactId(), supervisor, action));
    }

    /** Who hears, through which phone, and whether each tone must be in what they hear. */
    private record Hearing(String who, RtpPhone phone, Map<Double, Boolean> tones) {
    }

    /** After the mix settles, a second of what each phone hears has each tone (present) or not (absent). */
    private static void assertHear(String mode, Hearing... hearings) throws InterruptedException {
        Thread.sleep(300);
        for (Hearing hearing : hearings) {
            hearing.phone().listen();
        }
        Thread.sleep(1_000);
        double full = RtpPhone.amplitudeOfTone();
        for (Hearing hearing : hearings) {
            short[] heard = hearing.phone().heard();
            String who = hearing.who() + ", " + mode;
            assertThat(heard.length).as(who + ": samples heard in a second").isGreaterThan(6_000);
            hearing.tones().forEach((tone, present) -> {
                double amplitude = RtpPhone.amplitude(heard, tone);
                if (present) {
                    assertThat(amplitude).as(who + ", hears " + tone + " Hz").isGreaterThan(0.5 * full);
                } else {
                    assertThat(amplitude).as(who + ", does not hear " + tone + " Hz").isLessThan(0.01 * full);
                }
            });
        }
    }

    @Test
    void aWaitingCallerHearsTheExpectedWaitBetweenTheQueueAudio() throws Exception {
        try (Sipp caller = Sipp.start("trunk-call.xml", SIP, 27131, 28170, "-s", MAIN, "-d", "8000")) {
            ContactCreated created = created();
            Call call = calls.byContact(created.contactId()).orElseThrow();
            publish(new ContactQueued(UUID.randomUUID(), "acme-bank", Instant.now(), created.contactId(), Channel.VOICE, "billing", 0,
                    created.occurredAt()));
            await().atMost(WAIT).until(() -> "billing".equals(call.queueId));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> player.playing(call.callerMedia)
                    .filter(prompt -> prompt.startsWith("wait-") || prompt.equals("still-waiting.ul")).isPresent());
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> player.playing(call.callerMedia).filter("queue.ul"::equals).isPresent());
            assertThat(caller.await()).as(caller.report()).isZero();
        }
    }

    @Test
    void aCallerWhoHangsUpWhileQueuedEndsTheContact() throws Exception {
        try (Sipp caller = Sipp.start("trunk-call.xml", SIP, 27013, 27320, "-s", MAIN, "-d", "1000")) {
            ContactCreated created = created();
            assertThat(caller.await()).as(caller.report()).isZero();
            ContactEnded ended = ended(created.contactId());
            assertThat(ended.reason()).isEqualTo(ContactEnded.Reason.CUSTOMER_LEFT);
            assertThat(ended.talkSeconds()).isZero();
            assertThat(ended.ringSeconds()).isNull();
        }
    }

    @Test
    void aBusyPhoneDeclinesAndTheNextAgentsPhoneTakesTheCall() throws Exception {
        try (Sipp busy = Sipp.start("agent-busy.xml", SIP, 27021, 27330); Sipp phone = Sipp.start("agent-phone.xml", SIP, 27023, 27340)) {
            register("bob", "bob-phone", 27021, 27025);
            register("alice", "alice-phone", 27023, 27027);
            try (Sipp caller = Sipp.start("trunk-call.xml", SIP, 27029, 27350, "-s", MAIN, "-d", "6000")) {
                ContactCreated created = created();
                publish(offer(created, "bob"));
                OfferAnswered declined = answer(created.contactId());
                assertThat(declined.agentId()).isEqualTo("bob");
                assertThat(declined.answer()).isEqualTo(OfferAnswered.Answer.DECLINED);
                assertThat(busy.await()).as(busy.report()).isZero();

                aliceAnswers(created, caller, phone);
            }
        }
    }

    @Test
    void aPhoneThatRingsOutIsCancelledWhenTheOfferTimesOutAndTheNextAgentAnswers() throws Exception {
        try (Sipp silent = Sipp.start("agent-no-answer.xml", SIP, 27081, 27460); Sipp phone = Sipp.start("agent-phone.xml", SIP, 27083, 27470)) {
            register("bob", "bob-phone", 27081, 27085);
            register("alice", "alice-phone", 27083, 27087);
            try (Sipp caller = Sipp.start("trunk-call.xml", SIP, 27089, 27480, "-s", MAIN, "-d", "6000")) {
                ContactCreated created = created();
                ContactOffered toBob = offer(created, "bob");
                publish(toBob);
                Call call = calls.byContact(created.contactId()).orElseThrow();
                await().atMost(WAIT).until(() -> call.state == Call.State.RINGING);
                publish(new ContactRejected(UUID.randomUUID(), "acme-bank", Instant.now(), created.contactId(), "billing", "bob",
                        toBob.offerId(), ContactRejected.Reason.TIMED_OUT));
                assertThat(silent.await()).as("the ringing phone is cancelled:\n" + silent.report()).isZero();
                await().atMost(WAIT).until(() -> call.state == Call.State.QUEUED);

                aliceAnswers(created, caller, phone);
            }
        }
    }

    @Test
    void anAgentWithoutARegisteredPhoneDeclinesAtOnce() throws Exception {
        try (Sipp caller = Sipp.start("trunk-call.xml", SIP, 27033, 27360, "-s", MAIN, "-d", "3000")) {
            ContactCreated created = created();
            publish(offer(created, "carol"));
            OfferAnswered answer = answer(created.contactId());
            assertThat(answer.agentId()).isEqualTo("carol");
            assertThat(answer.answer()).isEqualTo(OfferAnswered.Answer.DECLINED);
            assertThat(caller.await()).as(caller.report()).isZero();
        }
    }

    @Test
    void anUnknownDidIs404AndAnUntrustedSourceIs403() throws Exception {
        try (Sipp unknown = Sipp.start("call-refused.xml", SIP, 27041, 27370, "-s", "+15550000000")) {
            assertThat(unknown.await()).as(unknown.report()).isZero();
            assertThat(unknown.messages()).contains("SIP/2.0 404");
        }
        try (Sipp stranger = Sipp.startFrom("127.0.0.2", "call-refused.xml", SIP, 27043, 27380, "-s", MAIN)) {
            assertThat(stranger.await()).as(stranger.report()).isZero();
            assertThat(stranger.messages()).contains("SIP/2.0 403");
        }
        // The same over TCP.
        try (Sipp overTcp = Sipp.start("call-refused.xml", SIP, 27045, 27385, "-s", "+15550000000", "-t", "t1")) {
            assertThat(overTcp.await()).as(overTcp.report()).isZero();
            assertThat(overTcp.messages()).contains("SIP/2.0 404");
        }
    }

    @Test
    void aPhoneWithTheWrongPasswordIsRefused() throws Exception {
        try (Sipp wrong = Sipp.start("register.xml", SIP, 27051, 27390, "-s", "bob", "-au", "bob", "-ap", "not-bobs",
                "-set", "contact_port", "27059")) {
            assertThat(wrong.await()).as(wrong.report()).isZero();
            assertThat(wrong.messages()).contains("SIP/2.0 403");
        }
        try (Sipp stranger = Sipp.start("register.xml", SIP, 27053, 27400, "-s", "mallory", "-au", "mallory", "-ap", "x",
                "-set", "contact_port", "27059")) {
            assertThat(stranger.await()).as(stranger.report()).isZero();
            assertThat(stranger.messages()).contains("SIP/2.0 403");
        }
        assertThat(registrar.lookup("mallory", Instant.now())).isEmpty();
    }

    /**
     * Issue 16: a tenant's menu from its configuration, with its own recording as the prompt. The caller
     * hears the recording, presses 1 (sipp's RFC 4733 pcap) and the contact keeps the DID as its entry
     * point with the chosen queue in its metadata. Then routing's closed prompt reaches the waiting
     * caller once, after an agent's reply on the same topic was ignored, and the queue audio comes back.
     */
    @Test
    void aTenantsMenuQueuesTheCallerInTheChosenQueueAndAClosedPromptReachesTheWaitingCaller() throws Exception {
        String did = "+442079460002";
        byte[] recording = new byte[PromptConfigured.SAMPLES_PER_SECOND * 3];
        Arrays.fill(recording, (byte) 0x7F);
        publish(new PromptConfigured(UUID.randomUUID(), "globex-travel", Instant.now(), "globex-menu", "the main menu",
                Base64.getEncoder().encodeToString(recording), true));
        publish(new TenantConfigured(UUID.randomUUID(), "globex-travel", Instant.now(), "Globex Travel", "Europe/London", "GB", null,
                "bookings", List.of(new TenantConfigured.EntryPoint(Channel.VOICE, did, "bookings", new TenantConfigured.IvrMenu(
                        "globex-menu", List.of(new TenantConfigured.IvrChoice("1", "bookings-vip"),
                                new TenantConfigured.IvrChoice("2", "bookings-es")), 5, null, List.of())))));
        await().atMost(WAIT).until(() -> directory.menu(did).isPresent()
                && prompts.resolve("globex-travel", "globex-menu").filter("globex-travel/globex-menu"::equals).isPresent());

        try (Sipp caller = Sipp.start("trunk-call.xml", SIP, 27231, 28400, "-s", did, "-d", "12000")) {
            await("the caller hears the tenant's recording").atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> calls.all()
                    .stream().anyMatch(call -> call.did.equals(did)
                            && player.playing(call.callerMedia).filter("globex-travel/globex-menu"::equals).isPresent()));
            ContactCreated created = (ContactCreated) single(Topics.CONTACTS, e -> e instanceof ContactCreated c
                    && c.tenantId().equals("globex-travel") && c.occurredAt().isAfter(testStart));
            assertThat(created.entryPoint()).isEqualTo(did);
            assertThat(created.metadata()).containsEntry(ContactCreated.CHOSEN_QUEUE, "bookings-vip").containsEntry("ivrPath", "1");

            Call call = calls.byContact(created.contactId()).orElseThrow();
            publish(new ReplyRequested(UUID.randomUUID(), "globex-travel", Instant.now(), created.contactId(), "reply-1", Channel.VOICE,
                    "alice", "An agent's words are not for a call", List.of(), Map.of(ReplyRequested.PROMPT, "wait-long")));
            publish(new ReplyRequested(UUID.randomUUID(), "globex-travel", Instant.now(), created.contactId(),
                    "closed:" + created.contactId(), Channel.VOICE, "routing", "We are closed.", List.of(),
                    Map.of("automated", "closed-hours", ReplyRequested.PROMPT, "closed")));
            await("the closed prompt plays").atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> player.playing(call.callerMedia).filter("closed.ul"::equals).isPresent());
            await("then the queue audio again").atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> player.playing(call.callerMedia).filter("queue.ul"::equals).isPresent());
            assertThat(call.state).isEqualTo(Call.State.QUEUED);

            assertThat(caller.await()).as(caller.report()).isZero();
            assertThat(ended(created.contactId()).reason()).isEqualTo(ContactEnded.Reason.CUSTOMER_LEFT);
        }
    }

    /**
     * Issue 16: the console's phone credentials (an HA1, never the password) let a phone register with
     * that password and refuse a wrong one; withdrawn, they drop the registration and refuse the phone.
     */
    @Test
    void aPhoneRegistersWithTheCredentialsTheConsolePublishedUntilTheyAreWithdrawn() throws Exception {
        publish(new PhoneCredentialsConfigured(UUID.randomUUID(), "acme-bank", Instant.now(), "dora", "switchboard",
                ha1("dora", "switchboard", "dora-secret"), true));
        await().atMost(WAIT).until(() -> phoneCredentials.ha1("dora").isPresent());

        register("dora", "dora-secret", 27241, 27243);
        try (Sipp wrong = Sipp.start("register.xml", SIP, 27245, 28420, "-s", "dora", "-au", "dora", "-ap", "not-doras",
                "-set", "contact_port", "27241")) {
            assertThat(wrong.await()).as(wrong.report()).isZero();
            assertThat(wrong.messages()).contains("SIP/2.0 403");
        }

        publish(new PhoneCredentialsConfigured(UUID.randomUUID(), "acme-bank", Instant.now(), "dora", "switchboard", null, false));
        await("the registration is dropped").atMost(WAIT).until(() -> registrar.lookup("dora", Instant.now()).isEmpty());
        try (Sipp withdrawn = Sipp.start("register.xml", SIP, 27247, 28430, "-s", "dora", "-au", "dora", "-ap", "dora-secret",
                "-set", "contact_port", "27241")) {
            assertThat(withdrawn.await()).as(withdrawn.report()).isZero();
            assertThat(withdrawn.messages()).contains("SIP/2.0 403");
        }
        assertThat(registrar.lookup("dora", Instant.now())).isEmpty();
    }

    @Test
    void anAgentsOwnCallRingsTheirPhoneThenTheCustomerAndEndsWhenTheCustomerHangsUp() throws Exception {
        try (Sipp phone = Sipp.start("agent-phone-own-call.xml", SIP, 27101, 28100)) {
            register("alice", "alice-phone", 27101, 27103);
            try (Sipp customer = Sipp.start("customer-answers.xml", SIP, TRUNK, 28110)) {
                String contactId = UUID.randomUUID().toString();
                publish(dial(contactId, "alice"));
                ContactCreated created = created(contactId);
                assertThat(created.direction()).isEqualTo(Direction.OUTBOUND);
                assertThat(created.entryPoint()).isEqualTo(MAIN);
                assertThat(created.from().value()).isEqualTo(MAIN);
                assertThat(created.to().value()).isEqualTo(CUSTOMER);
                assertThat(created.metadata()).containsEntry(ContactCreated.PLACED_BY, "alice");

                Call call = calls.byContact(contactId).orElseThrow();
                await().atMost(WAIT).until(() -> call.state == Call.State.CONNECTED);
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(call.callerMedia.received()).as("the customer's audio reaches the gateway").isPositive();
                    assertThat(call.agentMedia.sent()).as("and is relayed to the agent's phone").isPositive();
                    assertThat(call.callerMedia.sent()).as("the agent's audio is relayed to the customer").isPositive();
                });

                assertThat(customer.await()).as("the customer saw the tenant's number, talked and hung up:\n" + customer.report()).isZero();
                assertThat(phone.await()).as("the agent's phone was told whom it calls, then got the BYE:\n" + phone.report()).isZero();
                ContactEnded ended = ended(contactId);
                assertThat(ended.reason()).isEqualTo(ContactEnded.Reason.CUSTOMER_LEFT);
                assertThat(ended.talkSeconds()).isGreaterThanOrEqualTo(3);
                assertThat(ended.ringSeconds()).isNotNull();
                assertThat(ended.queueSeconds()).as("an own call never queues").isNull();
            }
        }
    }

    @Test
    void aCarrierThatChallengesGetsOurTrunkAccountOnce() throws Exception {
        assertThat(aliceCallsThroughTheTrunk("customer-challenges.xml", 27161, 28220).reason())
                .as("401, then the INVITE with valid digest credentials").isEqualTo(ContactEnded.Reason.CUSTOMER_LEFT);
    }

    @Test
    void aBusyCustomerEndsTheOwnCallAsBusyAndReleasesTheAgentsPhone() throws Exception {
        assertThat(aliceCallsThroughTheTrunk("agent-busy.xml", 27111, 28120).reason()).isEqualTo(ContactEnded.Reason.BUSY);
    }

    @Test
    void aCustomerWhoDoesNotPickUpIsCancelledAfterTheRingTimeout() throws Exception {
        assertThat(aliceCallsThroughTheTrunk("agent-no-answer.xml", 27121, 28140).reason()).isEqualTo(ContactEnded.Reason.NO_ANSWER);
    }

    @Test
    void anOwnCallWithoutARegisteredPhoneEndsAtOnceAsAnError() {
        String contactId = UUID.randomUUID().toString();
        publish(dial(contactId, "carol"));
        assertThat(created(contactId).direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(ended(contactId).reason()).isEqualTo(ContactEnded.Reason.ERROR);
        assertThat(calls.byContact(contactId)).isEmpty();
    }

    /**
     * SIP floods: the test profile allows a burst of 10 INVITEs and 10 REGISTERs per source (1/s after).
     * The 11th from one source within the second gets 503 with Retry-After; another source is unaffected.
     */
    @Test
    void theRequestOverASourcesRateLimitGets503WithRetryAfterAndOtherSourcesAreServed() throws Exception {
        try (DatagramSocket flooder = udp("127.0.0.3"); DatagramSocket neighbour = udp("127.0.0.4")) {
            for (String method : List.of("INVITE", "REGISTER")) {
                String usual = method.equals("INVITE") ? "SIP/2.0 403" : "SIP/2.0 401";
                for (int i = 1; i <= 10; i++) {
                    assertThat(finalAnswer(flooder, method, "flood-" + method + "-" + i)).as(method + " " + i).startsWith(usual);
                }
                String refused = finalAnswer(flooder, method, "flood-" + method + "-11");
                assertThat(refused).as("the 11th " + method).startsWith("SIP/2.0 503").containsPattern("(?m)^Retry-After: *[1-9]\\d*\\s*$");
                assertThat(finalAnswer(neighbour, method, "neighbour-" + method)).as("another source").startsWith(usual);
            }
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("voice_sip_requests_throttled_total\\{method=\"INVITE\"\\} [1-9]");
    }

    /**
     * Trunk digest (the test profile: trunk "carrier" from 127.0.0.6, and "pbx", which registers).
     * The INVITE is challenged with SHA-256 and MD5 on one nonce, admitted with either answer, and a
     * replayed nonce count is challenged again instead of admitted.
     */
    @Test
    void aTrunkWithADigestAccountIsChallengedThenAdmittedAndAReplayedNonceCountIsRefused() throws Exception {
        String uri = "sip:" + MAIN + "@127.0.0.1:" + SIP;
        try (DatagramSocket trunk = udp("127.0.0.6")) {
            String callId = "digest-" + UUID.randomUUID();
            String challenge = answerTo(trunk, callId, invite(trunk, callId, 1, ""));
            assertThat(challenge).startsWith("SIP/2.0 401");
            List<String> offered = challenge.lines().filter(line -> line.startsWith("WWW-Authenticate:")).toList();
            assertThat(offered).as(challenge).hasSize(2);
            assertThat(offered.get(0)).contains("algorithm=SHA-256").contains("qop=\"auth\"").contains("realm=\"switchboard\"");
            assertThat(offered.get(1)).contains("algorithm=MD5");
            String nonce = param(offered.get(0), "nonce");
            assertThat(param(offered.get(1), "nonce")).isEqualTo(nonce);

            String sha256 = authorization(DigestAuth.Algorithm.SHA_256, "carrier", "carrier-secret", "INVITE", uri, nonce, "00000001");
            String admitted = answerTo(trunk, callId, invite(trunk, callId, 2, sha256));
            assertThat(admitted).as("admitted with the SHA-256 answer").startsWith("SIP/2.0 200");
            assertThat(calls.byCallId(callId)).isPresent();
            hangUp(trunk, callId, admitted, 2);

            String replayId = "replay-" + UUID.randomUUID();
            assertThat(answerTo(trunk, replayId, invite(trunk, replayId, 1, sha256))).as("the same nc again").startsWith("SIP/2.0 401");
            assertThat(calls.byCallId(replayId)).isEmpty();

            String md5Id = "digest-md5-" + UUID.randomUUID();
            String md5 = answerTo(trunk, md5Id, invite(trunk, md5Id, 1,
                    authorization(DigestAuth.Algorithm.MD5, "carrier", "carrier-secret", "INVITE", uri, nonce, "00000002")));
            assertThat(md5).as("admitted with the MD5 answer and the next nc").startsWith("SIP/2.0 200");
            hangUp(trunk, md5Id, md5, 1);

            String wrongId = "wrong-" + UUID.randomUUID();
            assertThat(answerTo(trunk, wrongId, invite(trunk, wrongId, 1,
                    authorization(DigestAuth.Algorithm.SHA_256, "carrier", "guessed", "INVITE", uri, nonce, "00000003"))))
                    .startsWith("SIP/2.0 403");
        }
        // A registering trunk: its INVITEs are challenged from where it registered, and refused elsewhere.
        try (DatagramSocket pbx = udp("127.0.0.7")) {
            String inviteId = "pbx-" + UUID.randomUUID();
            assertThat(answerTo(pbx, inviteId, invite(pbx, inviteId, 1, ""))).as("not registered yet").startsWith("SIP/2.0 403");
            String registerId = "pbx-register-" + UUID.randomUUID();
            String challenge = answerTo(pbx, registerId, registerTrunk(pbx, registerId, 1, ""));
            assertThat(challenge).startsWith("SIP/2.0 401");
            String nonce = param(challenge.lines().filter(line -> line.startsWith("WWW-Authenticate:")).findFirst().orElseThrow(), "nonce");
            String registered = answerTo(pbx, registerId, registerTrunk(pbx, registerId, 2, authorization(DigestAuth.Algorithm.SHA_256, "pbx",
                    "pbx-secret", "REGISTER", "sip:127.0.0.1:" + SIP, nonce, "00000001")));
            assertThat(registered).startsWith("SIP/2.0 200");
            String challenged = answerTo(pbx, inviteId + "-2", invite(pbx, inviteId + "-2", 1, ""));
            assertThat(challenged).as("now a trunk that must authenticate").startsWith("SIP/2.0 401");
        }
    }

    @Test
    void malformedMessagesAreAnswered400AndTheGatewayStaysUp() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(2_000);
            String via = "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK-torture-";
            // After RFC 4475 §3.1.2: a CSeq that is not a number, a Content-Length longer than the body, a
            // request-URI that is not a URI. Each can be answered, so each gets a 400.
            List<String> answerable = List.of(
                    "INVITE sip:" + MAIN + "@127.0.0.1 SIP/2.0\r\n" + via + "1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\n"
                            + "Call-ID: torture-1\r\nCSeq: abc INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
                    "INVITE sip:" + MAIN + "@127.0.0.1 SIP/2.0\r\n" + via + "3\r\nFrom: <sip:a@b>;tag=3\r\nTo: <sip:c@d>\r\n"
                            + "Call-ID: torture-3\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 9999\r\n\r\nv=0\r\n",
                    "INVITE not-a-uri SIP/2.0\r\n" + via + "5\r\nFrom: <sip:a@b>;tag=5\r\nTo: <sip:c@d>\r\n"
                            + "Call-ID: torture-5\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            for (String message : answerable) {
                String answer = exchange(socket, message);
                assertThat(answer).as("answer to:\n" + message).startsWith("SIP/2.0 400");
            }
            // Without a Call-ID no valid response can be formed (a response copies it): dropped, never a crash.
            assertThat(exchange(socket, "OPTIONS sip:gw@127.0.0.1 SIP/2.0\r\n" + via + "2\r\nFrom: <sip:a@b>;tag=2\r\n"
                    + "To: <sip:c@d>\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"))
                    .isEqualTo("(no answer within 2 s)");
            // Fuzzed variants of a valid INVITE (fixed seed): bytes flipped, cut short, lines repeated.
            String valid = "INVITE sip:+15550000000@127.0.0.1 SIP/2.0\r\n" + via + "f\r\nFrom: <sip:a@b>;tag=f\r\nTo: <sip:c@d>\r\n"
                    + "Call-ID: fuzz\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: 0\r\n\r\n";
            Random random = new Random(4475);
            // From an address of its own: its hundreds of INVITEs would otherwise use up the trunk address's rate limit.
            try (DatagramSocket fuzzer = new DatagramSocket(new InetSocketAddress("127.0.0.5", 0))) {
                for (int i = 0; i < 300; i++) {
                    byte[] fuzzed = valid.replace("Call-ID: fuzz", "Call-ID: fuzz-" + i).getBytes(StandardCharsets.ISO_8859_1);
                    switch (i % 3) {
                        case 0 -> {
                            for (int flips = 0; flips < 1 + random.nextInt(8); flips++) {
                                fuzzed[random.nextInt(fuzzed.length)] = (byte) random.nextInt(256);
                            }
                        }
                        case 1 -> fuzzed = Arrays.copyOf(fuzzed, random.nextInt(fuzzed.length));
                        default -> {
                            String[] lines = new String(fuzzed, StandardCharsets.ISO_8859_1).split("\r\n");
                            String line = lines[1 + random.nextInt(lines.length - 1)];
                            fuzzed = new String(fuzzed, StandardCharsets.ISO_8859_1).replace(line, line + "\r\n" + line + line)
                                    .getBytes(StandardCharsets.ISO_8859_1);
                        }
                    }
                    fuzzer.send(new DatagramPacket(fuzzed, fuzzed.length, new InetSocketAddress("127.0.0.1", SIP)));
                }
            }
            byte[] garbage = "\u0000\u0001 not SIP at all".getBytes(StandardCharsets.ISO_8859_1);
            socket.send(new DatagramPacket(garbage, garbage.length,
                    new InetSocketAddress("127.0.0.1", SIP)));
            drain(socket);
            String options = exchange(socket, "OPTIONS sip:gw@127.0.0.1 SIP/2.0\r\n" + via + "4\r\nFrom: <sip:a@b>;tag=4\r\n"
                    + "To: <sip:c@d>\r\nCall-ID: torture-4\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            assertThat(options).as("the gateway still answers").startsWith("SIP/2.0 200");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A μ-law sample no real frame is made of alone: the attacker's "audio". */
    private static final byte INJECTED_SAMPLE = 0x2A;

    /** {@code voice_rtp_packets_dropped_total{reason}} as Prometheus scrapes it (0 before the first drop). */
    private static double droppedRtp(String reason) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("voice_rtp_packets_dropped_total{") && line.contains("reason=\"" + reason + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Reads and drops what the gateway answered to the fuzzed messages (their Via names this socket). */
    private static void drain(DatagramSocket socket) throws Exception {
        byte[] buffer = new byte[4096];
        while (true) {
            try {
                socket.receive(new DatagramPacket(buffer, buffer.length));
            } catch (SocketTimeoutException quiet) {
                return;
            }
        }
    }

    private static DatagramSocket udp(String address) throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0));
        socket.setSoTimeout(2_000);
        return socket;
    }

    private static String invite(DatagramSocket socket, String callId, int cseq, String authorization) {
        String local = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        String sdp = "v=0\r\no=trunk 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 28300 RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n";
        return "INVITE sip:" + MAIN + "@127.0.0.1:" + SIP + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local + ";branch=z9hG4bK-" + callId + "-" + cseq
                + "\r\nFrom: <sip:+447400123456@" + local + ">;tag=" + callId + "\r\nTo: <sip:" + MAIN + "@127.0.0.1:" + SIP + ">\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " INVITE\r\nContact: <sip:+447400123456@" + local + ">\r\n" + authorization
                + "Max-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static String registerTrunk(DatagramSocket socket, String callId, int cseq, String authorization) {
        String local = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        return "REGISTER sip:127.0.0.1:" + SIP + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local + ";branch=z9hG4bK-" + callId + "-" + cseq
                + "\r\nFrom: <sip:pbx@127.0.0.1>;tag=" + callId + "\r\nTo: <sip:pbx@127.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq
                + " REGISTER\r\nContact: <sip:pbx@" + local + ">\r\nExpires: 300\r\n" + authorization
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    /** An Authorization header line as a trunk computes it (RFC 7616, qop auth). */
    private static String authorization(DigestAuth.Algorithm algorithm, String user, String password, String method, String uri, String nonce,
            String nc) {
        String cnonce = "0a4f113b";
        String response = DigestAuth.response(algorithm, user, "switchboard", password, method, uri, nonce, nc, cnonce, "auth");
        return "Authorization: Digest username=\"" + user + "\", realm=\"switchboard\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=" + algorithm.token() + ", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\"\r\n";
    }

    private static String param(String header, String name) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(name + "=\"([^\"]*)\"").matcher(header);
        assertThat(matcher.find()).as(name + " in " + header).isTrue();
        return matcher.group(1);
    }

    /** ACK to the 200 of a raw INVITE, then BYE (answered 200): the call is released. */
    private static void hangUp(DatagramSocket socket, String callId, String ok, int inviteCseq) throws Exception {
        String local = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        String to = ok.lines().filter(line -> line.startsWith("To:")).findFirst().orElseThrow();
        String from = "From: <sip:+447400123456@" + local + ">;tag=" + callId;
        String target = "sip:switchboard@127.0.0.1:" + SIP;
        String ack = "ACK " + target + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local + ";branch=z9hG4bK-" + callId + "-ack\r\n" + from + "\r\n" + to
                + "\r\nCall-ID: " + callId + "\r\nCSeq: " + inviteCseq + " ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        byte[] bytes = ack.getBytes(StandardCharsets.ISO_8859_1);
        socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", SIP)));
        String bye = "BYE " + target + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local + ";branch=z9hG4bK-" + callId + "-bye\r\n" + from + "\r\n" + to
                + "\r\nCall-ID: " + callId + "\r\nCSeq: " + (inviteCseq + 1) + " BYE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        String answer = "";
        for (int tries = 0; tries < 5 && !answer.contains("BYE"); tries++) {
            answer = answerTo(socket, callId, bye);
        }
        assertThat(answer).startsWith("SIP/2.0 200").contains(" BYE");
    }

    /** Sends {@code message}: the final answer with its Call-ID (retransmitted answers to earlier requests are skipped). */
    private static String answerTo(DatagramSocket socket, String callId, String message) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", SIP)));
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        String cseq = message.lines().filter(line -> line.startsWith("CSeq:")).findFirst().orElse("");
        while (true) {
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException silence) {
                return "(no answer within 2 s)";
            }
            String answer = new String(buffer, 0, packet.getLength(), StandardCharsets.ISO_8859_1);
            if (answer.contains("Call-ID: " + callId + "\r\n") && answer.contains(cseq + "\r\n") && !answer.startsWith("SIP/2.0 1")) {
                return answer;
            }
        }
    }

    /** Sends a minimal valid INVITE or REGISTER from {@code socket}: the final answer to it (retransmitted answers to earlier ones are skipped). */
    private static String finalAnswer(DatagramSocket socket, String method, String callId) throws Exception {
        String local = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        String target = method.equals("INVITE") ? "sip:" + MAIN + "@127.0.0.1:" + SIP : "sip:127.0.0.1:" + SIP;
        String user = method.equals("INVITE") ? "+447400123456" : "mallory";
        String message = method + " " + target + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local + ";branch=z9hG4bK-" + callId + "\r\n"
                + "From: <sip:" + user + "@" + local + ">;tag=" + callId + "\r\nTo: <" + (method.equals("INVITE") ? target : "sip:mallory@127.0.0.1")
                + ">\r\nCall-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\nContact: <sip:" + user + "@" + local + ">\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", SIP)));
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (true) {
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException silence) {
                return "(no answer within 2 s)";
            }
            String answer = new String(buffer, 0, packet.getLength(), StandardCharsets.ISO_8859_1);
            if (answer.contains("Call-ID: " + callId + "\r\n") && !answer.startsWith("SIP/2.0 1")) {
                return answer;
            }
        }
    }

    private static String exchange(DatagramSocket socket, String message) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", SIP)));
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException silence) {
            return "(no answer within 2 s)";
        }
        return new String(buffer, 0, packet.getLength(), StandardCharsets.ISO_8859_1);
    }

    /** The call is offered to alice and her phone answers: the call once it is connected. */
    private Call connectedToAlice(ContactCreated created) {
        publish(offer(created, "alice"));
        Call call = calls.byContact(created.contactId()).orElseThrow();
        await().atMost(WAIT).until(() -> call.state == Call.State.CONNECTED);
        return call;
    }

    /** The call is offered to alice, her phone answers (ACCEPTED), and both sipp peers finish their scenarios. */
    private void aliceAnswers(ContactCreated created, Sipp caller, Sipp phone) throws InterruptedException {
        publish(offer(created, "alice"));
        OfferAnswered accepted = (OfferAnswered) single(Topics.AGENTS, e -> e instanceof OfferAnswered a
                && a.contactId().equals(created.contactId()) && a.answer() == OfferAnswered.Answer.ACCEPTED);
        assertThat(accepted.agentId()).isEqualTo("alice");
        assertThat(caller.await()).as(caller.report()).isZero();
        assertThat(phone.await()).as(phone.report()).isZero();
    }

    /**
     * alice's phone answers her own call and {@code carrierScenario} plays the carrier on the trunk;
     * both sipp peers must finish their scenarios (the phone always ends with our BYE). Returns how the contact ended.
     */
    private ContactEnded aliceCallsThroughTheTrunk(String carrierScenario, int phonePort, int mediaPort) throws Exception {
        try (Sipp phone = Sipp.start("agent-phone-own-call.xml", SIP, phonePort, mediaPort)) {
            register("alice", "alice-phone", phonePort, phonePort + 2);
            try (Sipp carrier = Sipp.start(carrierScenario, SIP, TRUNK, mediaPort + 10)) {
                String contactId = UUID.randomUUID().toString();
                publish(dial(contactId, "alice"));
                assertThat(carrier.await()).as(carrier.report()).isZero();
                assertThat(phone.await()).as("the agent's phone gets a BYE:\n" + phone.report()).isZero();
                return ended(contactId);
            }
        }
    }

    private void register(String agent, String password, int contactPort, int localPort) throws Exception {
        try (Sipp register = Sipp.start("register.xml", SIP, localPort, 27500 + 10 * (localPort % 50), "-s", agent, "-au", agent, "-ap", password,
                "-set", "contact_port", String.valueOf(contactPort))) {
            assertThat(register.await()).as(register.report()).isZero();
        }
        assertThat(registrar.lookup(agent, Instant.now())).isPresent();
    }

    /** The HA1 as the console computes it: lower-case hex MD5 of user:realm:password. */
    private static String ha1(String user, String realm, String password) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest((user + ":" + realm + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private ContactCreated created() {
        return (ContactCreated) single(Topics.CONTACTS, e -> e instanceof ContactCreated c && c.channel() == Channel.VOICE
                && c.direction() == Direction.INBOUND && c.occurredAt().isAfter(testStart));
    }

    private ContactCreated created(String contactId) {
        return (ContactCreated) single(Topics.CONTACTS, e -> e instanceof ContactCreated c && c.contactId().equals(contactId));
    }

    private static CallDialRequested dial(String contactId, String agent) {
        return new CallDialRequested(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, agent, MAIN, Address.phone(CUSTOMER, null));
    }

    private OfferAnswered answer(String contactId) {
        return (OfferAnswered) single(Topics.AGENTS, e -> e instanceof OfferAnswered a && a.contactId().equals(contactId));
    }

    private ContactEnded ended(String contactId) {
        return (ContactEnded) single(Topics.CONTACTS, e -> e instanceof ContactEnded c && c.contactId().equals(contactId));
    }

    private static ContactOffered offer(ContactCreated created, String agent) {
        return new ContactOffered(UUID.randomUUID(), created.tenantId(), Instant.now(), created.contactId(), Channel.VOICE, "billing",
                agent, created.contactId() + "#" + agent, Instant.now().plusSeconds(30));
    }

    private SwitchboardEvent single(String topic, Predicate<SwitchboardEvent> matching) {
        return kafka.awaitEvent(topic, matching, WAIT);
    }

    private void publish(SwitchboardEvent event) {
        kafka.publish(event, SOURCE);
    }
}
