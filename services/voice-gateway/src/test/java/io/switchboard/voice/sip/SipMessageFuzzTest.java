package io.switchboard.voice.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Set;

import javax.sdp.SdpException;
import javax.sip.message.Request;

import com.code_intelligence.jazzer.junit.FuzzTest;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;

/**
 * A datagram on the gateway's SIP port, read the way the stack reads it (JAIN-SIP's message parser,
 * unparseable non-core headers kept aside, the core headers required), then what the gateway does with
 * it: an INVITE's body through {@link Sdp#read} (the offer {@code InviteHandler} answers, or a 488), a
 * response's body through {@link Sdp#answer}. Invariants: a parsed message or a parse error (the
 * stack's 400), never another exception; an SDP body gives an offer the gateway can answer (and whose
 * answer it can read back) or an {@link SdpException} that says why it is refused.
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class SipMessageFuzzTest {

    /** The headers without which the stack drops a message rather than keeping the header unparsed. */
    private static final Set<Class<?>> CORE = Set.of(From.class, To.class, CSeq.class, Via.class, CallID.class, ContentLength.class,
            RequestLine.class, StatusLine.class);

    @FuzzTest(maxExecutions = 10_000)
    void sipDatagram(byte[] datagram) {
        SIPMessage message;
        try {
            message = new StringMsgParser().parseSIPMessage(datagram, true, false, unparsedUnlessCore());
            if (message == null) {
                return; // a keep-alive: nothing to answer
            }
            if (message instanceof SIPRequest request) {
                request.checkHeaders();
            } else if (message instanceof SIPResponse response) {
                response.checkHeaders();
            }
        } catch (ParseException refused) {
            return;
        }
        assertThat(message.encode()).isNotEmpty();
        if (message instanceof SIPRequest request) {
            // Whatever the gateway answers, the stack can build and write it.
            assertThat(request.createResponse(488).encode()).startsWith("SIP/2.0 488");
            if (Request.INVITE.equals(request.getMethod())) {
                offerOrRefusal(body(request.getRawContent()));
            }
        } else if (message instanceof SIPResponse response) {
            assertThat(Sdp.answer(response)).isNotNull();
        }
    }

    @FuzzTest(maxExecutions = 10_000)
    void sdpOffer(byte[] body) {
        offerOrRefusal(body(body));
    }

    private static void offerOrRefusal(String sdp) {
        Sdp.Offer offer;
        try {
            offer = Sdp.read(sdp);
        } catch (SdpException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(offer.audio().isUnresolved()).isFalse();
        assertThat(offer.direction()).isIn("sendrecv", "sendonly", "recvonly", "inactive");
        assertThat(offer.telephoneEvent()).isBetween(-1, 127);
        offer.onHold();
        int codec = offer.codec();
        if (codec < 0) {
            return; // 488: nothing we can play or relay
        }
        Sdp.Offer ours;
        try {
            ours = Sdp.read(Sdp.write("192.0.2.10", 40_000, codec, offer.telephoneEvent(), 1));
        } catch (SdpException e) {
            throw new AssertionError("our answer to an offer cannot be read back", e);
        }
        assertThat(ours.codec()).isEqualTo(codec);
        assertThat(ours.telephoneEvent()).isEqualTo(offer.telephoneEvent());
    }

    private static String body(byte[] raw) {
        return new String(raw == null ? new byte[0] : raw, StandardCharsets.UTF_8);
    }

    /** As the stack's UDP channel does: a bad core header rejects the message, any other is kept unparsed. */
    private static ParseExceptionListener unparsedUnlessCore() {
        return (exception, message, headerClass, header, raw) -> {
            if (headerClass == null || CORE.contains(headerClass)) {
                throw exception;
            }
            message.addUnparsed(header);
        };
    }
}
