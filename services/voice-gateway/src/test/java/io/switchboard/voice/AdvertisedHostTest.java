package io.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.voice.domain.Call;
import io.switchboard.voice.domain.CallRegistry;
import io.switchboard.voice.domain.VoiceDirectory;
import io.switchboard.voice.media.Rtp;

/**
 * Behind NAT or a Kubernetes LoadBalancer (switchboard.voice.sip.advertised-host): our answer names
 * the advertised address in its Contact and in the SDP's c= and o= lines, while SIP and media still
 * bind 127.0.0.1, where the caller's RTP arrives.
 */
@QuarkusTest
@TestProfile(AdvertisedHostTest.BehindNat.class)
@WithTestResource(KafkaBrokerResource.class)
class AdvertisedHostTest {

    private static final String ADVERTISED = "203.0.113.7";
    private static final int SIP = 25160;
    private static final String MAIN = "+442079460000";

    /** The same gateway, advertising an address it does not bind. */
    public static class BehindNat implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.voice.sip.advertised-host", ADVERTISED, "switchboard.voice.sip.port", String.valueOf(SIP),
                    "switchboard.voice.journal-dir", "target/voice-journal-advertised");
        }
    }

    @Inject
    VoiceDirectory directory;
    @Inject
    CallRegistry calls;

    @Test
    void theAnswerAdvertisesTheConfiguredAddressWhileMediaBindsLocally() throws Exception {
        try (KafkaTestClient kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            kafka.publish(new TenantConfigured(UUID.nameUUIDFromBytes("acme".getBytes()), "acme-bank", Instant.parse("2026-01-01T00:00:00Z"),
                    "Acme Bank", "Europe/London", "GB", null, "general", List.of(new TenantConfigured.EntryPoint(Channel.VOICE, MAIN, "billing"))),
                    URI.create("/tests/voice-gateway"));
            await().atMost(Duration.ofSeconds(30)).until(() -> directory.lookup(MAIN).isPresent());
        }
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(2_000);
            String callId = "advertised-" + UUID.randomUUID();
            String ok = finalAnswer(socket, callId, invite(socket, callId));

            assertThat(ok).startsWith("SIP/2.0 200");
            assertThat(ok).as("Contact").containsPattern("(?m)^Contact: <sip:switchboard@" + ADVERTISED.replace(".", "\\.") + ":" + SIP + ">");
            assertThat(ok).as("SDP origin").containsPattern("\r\no=switchboard \\d+ \\d+ IN IP4 " + ADVERTISED.replace(".", "\\.") + "\r\n");
            assertThat(ok).as("SDP connection").contains("\r\nc=IN IP4 " + ADVERTISED + "\r\n").doesNotContain("127.0.0.1\r\nt=");
            int mediaPort = Integer.parseInt(ok.replaceAll("(?s).*\r\nm=audio (\\d+) .*", "$1"));

            Call call = calls.byCallId(callId).orElseThrow();
            assertThat(call.callerMedia.localPort()).isEqualTo(mediaPort);
            byte[] packet = new byte[Rtp.HEADER + 160];
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Rtp.header(packet, Rtp.PCMU, false, 7, 0, 0x5EED);
                socket.send(new DatagramPacket(packet, packet.length, new InetSocketAddress("127.0.0.1", mediaPort)));
                assertThat(call.callerMedia.received()).as("the caller's RTP reaches the port bound on 127.0.0.1").isPositive();
            });

            hangUp(socket, callId, ok);
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.byCallId(callId).isEmpty());
        }
    }

    private static String invite(DatagramSocket socket, String callId) {
        String local = "127.0.0.1:" + socket.getLocalPort();
        String sdp = "v=0\r\no=trunk 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + socket.getLocalPort()
                + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        return "INVITE sip:" + MAIN + "@127.0.0.1:" + SIP + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local + ";branch=z9hG4bK-" + callId
                + "\r\nFrom: <sip:+447400123456@" + local + ">;tag=" + callId + "\r\nTo: <sip:" + MAIN + "@127.0.0.1:" + SIP + ">\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:+447400123456@" + local + ">\r\n"
                + "Max-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    /** ACK to our 200, then BYE: the call is released. */
    private static void hangUp(DatagramSocket socket, String callId, String ok) throws Exception {
        String local = "127.0.0.1:" + socket.getLocalPort();
        String to = ok.lines().filter(line -> line.startsWith("To:")).findFirst().orElseThrow();
        String from = "From: <sip:+447400123456@" + local + ">;tag=" + callId;
        String target = "sip:switchboard@127.0.0.1:" + SIP;
        send(socket, "ACK " + target + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local + ";branch=z9hG4bK-" + callId + "-ack\r\n" + from + "\r\n"
                + to + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        String bye = "BYE " + target + " SIP/2.0\r\nVia: SIP/2.0/UDP " + local + ";branch=z9hG4bK-" + callId + "-bye\r\n" + from + "\r\n" + to
                + "\r\nCall-ID: " + callId + "\r\nCSeq: 2 BYE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        assertThat(finalAnswer(socket, callId, bye)).startsWith("SIP/2.0 200").contains(" BYE");
    }

    private static void send(DatagramSocket socket, String message) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", SIP)));
    }

    /** Sends {@code message}: the final answer to it (provisional ones and other messages, such as RTP, are skipped). */
    private static String finalAnswer(DatagramSocket socket, String callId, String message) throws Exception {
        send(socket, message);
        String cseq = message.lines().filter(line -> line.startsWith("CSeq:")).findFirst().orElseThrow();
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (true) {
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException silence) {
                return "(no answer within 2 s)";
            }
            String answer = new String(buffer, 0, packet.getLength(), StandardCharsets.ISO_8859_1);
            if (answer.startsWith("SIP/2.0 ") && !answer.startsWith("SIP/2.0 1") && answer.contains("Call-ID: " + callId + "\r\n")
                    && answer.contains(cseq + "\r\n")) {
                return answer;
            }
        }
    }
}
