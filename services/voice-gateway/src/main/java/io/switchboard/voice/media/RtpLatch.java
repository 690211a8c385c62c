package io.switchboard.voice.media;

import java.net.InetSocketAddress;

/**
 * Which source a media leg takes RTP from: Asterisk's {@code strictrtp} rule, against RTP hijacking
 * ("RTP bleed", CVE-2017-14099). Packets from the address the peer's SDP names are taken at once.
 * A peer behind NAT sends from another address, so a different source is learned only after
 * {@code probation} packets in a row from it with consecutive sequence numbers. Either way the leg
 * then latches: every other source is dropped for the rest of the call, until the peer's SDP names a
 * new address (a re-INVITE), which starts over. Not thread-safe: one reader thread per leg.
 */
public final class RtpLatch {

    /** What to do with one packet. */
    public enum Verdict {
        ACCEPT,
        /** Not yet latched, and this source has not proven itself yet. */
        DROP_LEARNING,
        /** Latched onto another source. */
        DROP_UNEXPECTED_SOURCE
    }

    private final int probation;
    private InetSocketAddress expected;
    private InetSocketAddress latched;
    private InetSocketAddress candidate;
    private int candidateSequence;
    private int candidateRun;

    /** {@code probation} 1 (or less) latches onto whichever source comes first, and still drops every other one after. */
    public RtpLatch(int probation) {
        this.probation = probation;
    }

    /** The address the peer's SDP names; a new one starts learning again (the peer moved its media). */
    public void expect(InetSocketAddress address) {
        if (address == null || address.equals(expected)) {
            return;
        }
        expected = address;
        if (!address.equals(latched)) {
            latched = null;
            candidate = null;
            candidateRun = 0;
        }
    }

    public Verdict offer(InetSocketAddress source, int sequence) {
        if (latched != null) {
            return latched.equals(source) ? Verdict.ACCEPT : Verdict.DROP_UNEXPECTED_SOURCE;
        }
        if (source.equals(expected) || probation <= 1) {
            latched = source;
            return Verdict.ACCEPT;
        }
        if (source.equals(candidate) && sequence == ((candidateSequence + 1) & 0xFFFF)) {
            candidateRun++;
        } else {
            candidate = source;
            candidateRun = 1;
        }
        candidateSequence = sequence;
        if (candidateRun >= probation) {
            latched = source;
            return Verdict.ACCEPT;
        }
        return Verdict.DROP_LEARNING;
    }

    /** The source media is taken from, or null while learning. */
    public InetSocketAddress latched() {
        return latched;
    }
}
