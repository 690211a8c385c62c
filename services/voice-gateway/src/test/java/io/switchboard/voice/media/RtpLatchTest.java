package io.switchboard.voice.media;

import static io.switchboard.voice.media.RtpLatch.Verdict.ACCEPT;
import static io.switchboard.voice.media.RtpLatch.Verdict.DROP_LEARNING;
import static io.switchboard.voice.media.RtpLatch.Verdict.DROP_UNEXPECTED_SOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

/** Asterisk's strictrtp rule: the SDP's address at once, another source only after probation, then nobody else. */
class RtpLatchTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.10", 4000);
    private static final InetSocketAddress NATTED = new InetSocketAddress("198.51.100.7", 61000);
    private static final InetSocketAddress ATTACKER = new InetSocketAddress("203.0.113.66", 5000);

    @Test
    void theAddressTheSdpNamesIsTakenAtOnceAndNoOtherSourceAfter() {
        RtpLatch latch = new RtpLatch(4);
        latch.expect(PEER);
        assertThat(latch.offer(PEER, 100)).isEqualTo(ACCEPT);
        for (int sequence = 0; sequence < 10; sequence++) {
            assertThat(latch.offer(ATTACKER, sequence)).isEqualTo(DROP_UNEXPECTED_SOURCE);
        }
        assertThat(latch.offer(PEER, 101)).isEqualTo(ACCEPT);
        assertThat(latch.latched()).isEqualTo(PEER);
    }

    @Test
    void aPeerBehindNatIsLearnedFromConsecutivePacketsThenLatched() {
        RtpLatch latch = new RtpLatch(4);
        latch.expect(PEER);
        assertThat(latch.offer(NATTED, 65534)).isEqualTo(DROP_LEARNING);
        assertThat(latch.offer(NATTED, 65535)).isEqualTo(DROP_LEARNING);
        assertThat(latch.offer(NATTED, 0)).as("the sequence wraps").isEqualTo(DROP_LEARNING);
        assertThat(latch.offer(NATTED, 1)).isEqualTo(ACCEPT);
        assertThat(latch.latched()).isEqualTo(NATTED);
        assertThat(latch.offer(PEER, 7)).as("once latched, even the SDP's address is another source").isEqualTo(DROP_UNEXPECTED_SOURCE);
        assertThat(latch.offer(ATTACKER, 2)).isEqualTo(DROP_UNEXPECTED_SOURCE);
    }

    @Test
    void interleavedOrOutOfSequencePacketsDoNotProveASource() {
        RtpLatch latch = new RtpLatch(4);
        latch.expect(PEER);
        assertThat(latch.offer(NATTED, 10)).isEqualTo(DROP_LEARNING);
        assertThat(latch.offer(ATTACKER, 11)).isEqualTo(DROP_LEARNING);
        assertThat(latch.offer(NATTED, 11)).as("the run starts over").isEqualTo(DROP_LEARNING);
        assertThat(latch.offer(NATTED, 13)).as("a gap starts it over too").isEqualTo(DROP_LEARNING);
        assertThat(latch.offer(NATTED, 14)).isEqualTo(DROP_LEARNING);
        assertThat(latch.offer(NATTED, 15)).isEqualTo(DROP_LEARNING);
        assertThat(latch.latched()).isNull();
        assertThat(latch.offer(NATTED, 16)).isEqualTo(ACCEPT);
    }

    @Test
    void aNewSdpAddressStartsLearningAgainButTheSameOneKeepsTheLatch() {
        RtpLatch latch = new RtpLatch(4);
        latch.expect(PEER);
        for (int sequence = 0; sequence < 4; sequence++) {
            latch.offer(NATTED, sequence);
        }
        assertThat(latch.latched()).isEqualTo(NATTED);
        latch.expect(PEER);
        assertThat(latch.offer(NATTED, 5)).as("a re-INVITE with the same SDP keeps the learned source").isEqualTo(ACCEPT);

        InetSocketAddress moved = new InetSocketAddress("192.0.2.11", 4002);
        latch.expect(moved);
        assertThat(latch.latched()).isNull();
        assertThat(latch.offer(NATTED, 6)).isEqualTo(DROP_LEARNING);
        assertThat(latch.offer(moved, 1)).isEqualTo(ACCEPT);
    }

    @Test
    void withoutAnSdpAddressTheFirstProvenSourceIsLatched() {
        RtpLatch latch = new RtpLatch(3);
        assertThat(latch.offer(ATTACKER, 1)).isEqualTo(DROP_LEARNING);
        assertThat(latch.offer(NATTED, 50)).isEqualTo(DROP_LEARNING);
        assertThat(latch.offer(NATTED, 51)).isEqualTo(DROP_LEARNING);
        assertThat(latch.offer(NATTED, 52)).isEqualTo(ACCEPT);
        assertThat(latch.offer(ATTACKER, 2)).isEqualTo(DROP_UNEXPECTED_SOURCE);

        RtpLatch immediate = new RtpLatch(1);
        assertThat(immediate.offer(NATTED, 9)).isEqualTo(ACCEPT);
        assertThat(immediate.offer(ATTACKER, 10)).isEqualTo(DROP_UNEXPECTED_SOURCE);
    }
}
